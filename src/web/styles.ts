/**
 * The pages' one stylesheet, sent inline (no second request on a slow connection). Mobile first:
 * one column at 360 px, wider tables scroll inside their own box. Colours meet WCAG AA contrast.
 */
export const STYLES = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;overflow-wrap:break-word;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1b1b1b;background:#fff}
a{color:#0b57a4}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem;z-index:9}
header.top{background:#0b3d6e;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between}
header.top a{color:#fff}header.top .who{font-size:.875rem}
nav.main ul{list-style:none;margin:0;padding:0 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;border-bottom:1px solid #ccd}
nav.main a{display:inline-block;padding:.5rem 0;text-decoration:none}nav.main a[aria-current=page]{font-weight:700;border-bottom:3px solid #0b57a4}
nav.main{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center}nav.main .logout{padding:.25rem 1rem}nav.main .logout a{margin-right:.5rem}
main{padding:1rem;max-width:72rem;margin:0 auto}
h1{font-size:1.5rem;margin:.5rem 0 1rem;line-height:1.25}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}h3{font-size:1.05rem;margin:1rem 0 .25rem}
.en,small.en{color:#555;font-size:.875em}
.notice{background:#e7f4e4;border-left:4px solid #2e7d32;padding:.5rem 1rem;margin:0 0 1rem}
.error{background:#fdecea;border-left:4px solid #b3261e;padding:.5rem 1rem;margin:0 0 1rem}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.9375rem}th,td{text-align:left;padding:.375rem .5rem;border-bottom:1px solid #dde;vertical-align:top}
th{background:#f3f5f8}
.chart{max-width:100%;margin:0 auto}.chart svg{display:block;max-width:100%;height:auto;margin:0 auto}
.lv{display:inline-block;min-width:5.5rem;padding:0 .5rem;border-radius:.75rem;font-size:.875rem;text-align:center;border:1px solid #889}
.lv-none{background:#f1f1f1;color:#333}.lv-CB{background:#d6e8f8;color:#0b2e52}.lv-TT{background:#5b9bd5;color:#06213d}.lv-NC{background:#174f85;color:#fff}
.tag{display:inline-block;font-size:.8125rem;background:#fff4d6;color:#5c4300;border:1px solid #d9b44a;border-radius:.25rem;padding:0 .375rem}
details{border:1px solid #dde;border-radius:.375rem;margin:.5rem 0;padding:.25rem .75rem}summary{cursor:pointer;padding:.25rem 0}
ul.crit{list-style:none;padding:0;margin:.25rem 0}ul.crit li{padding:.25rem 0;border-top:1px dotted #ccd}
.ok{color:#1e6b24;font-weight:600}.miss{color:#8a1c14;font-weight:600}
form.inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}form.inline>div{min-width:0;max-width:100%}select{width:100%}
label{display:block;font-weight:600;margin:.25rem 0}label.check{display:flex;gap:.5rem;font-weight:400;align-items:flex-start}label.check input{margin-top:.3rem;flex:none;width:1.1rem;height:1.1rem}
input[type=text],input[type=search],input[type=password],input[type=file],select,textarea{font:inherit;padding:.375rem .5rem;border:1px solid #767676;border-radius:.25rem;max-width:100%}
button,.button{font:inherit;padding:.375rem 1rem;border:1px solid #0b57a4;background:#0b57a4;color:#fff;border-radius:.25rem;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:#0b57a4}
.grid2{display:grid;gap:1rem}@media(min-width:48rem){.grid2{grid-template-columns:1fr 1fr}}
.muted{color:#555}caption{text-align:left}
.heatmap td.hm{text-align:center;padding:.25rem;min-width:2.5rem;font-size:.8125rem;border:1px solid #fff}.heatmap th{white-space:nowrap}.legend .lv{margin:0 .25rem .25rem 0}
.need{border-top:1px solid #dde;padding:.5rem 0}.need h3{margin:.25rem 0}
`
