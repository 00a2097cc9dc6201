/**
 * The pages' one stylesheet, sent inline (no second request on a slow connection): a small
 * design system of tokens (type scale, spacing, colours, the level colours, the focus ring) and
 * the parts built on them. Mobile first: one column at 360 px, a header of one line and the menu
 * folded into a disclosure; tables marked `stack` become one card per row under 600 px (each cell
 * named by its `data-label`), wider ones scroll inside their own box. Text colours meet WCAG AA
 * contrast (4.5:1) on their backgrounds; colour is never a level's only sign (chips say it).
 */
export const STYLES = `
:root{
--fs-xs:.8125rem;--fs-s:.875rem;--fs-m:1rem;--fs-l:1.1875rem;--fs-xl:1.375rem;--fs-xxl:1.625rem;
--sp-1:.25rem;--sp-2:.5rem;--sp-3:.75rem;--sp-4:1rem;--sp-5:1.5rem;--sp-6:2rem;
--ink:#1b1b1b;--muted:#4f5661;--paper:#fff;--surface:#f3f5f8;--line:#d5dae2;--line-strong:#767676;
--brand:#0b3d6e;--link:#0b57a4;--ok:#1e6b24;--bad:#8a1c14;--warn-bg:#fff4d6;--warn-ink:#5c4300;
--focus:#f2a900;--radius:.375rem;
--lv-none-bg:#f1f1f1;--lv-none-ink:#333;--lv-CB-bg:#d6e8f8;--lv-CB-ink:#0b2e52;
--lv-TT-bg:#5b9bd5;--lv-TT-ink:#06213d;--lv-NC-bg:#174f85;--lv-NC-ink:#fff}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;overflow-wrap:break-word;font:var(--fs-m)/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--paper)}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:var(--sp-2);top:var(--sp-2);background:var(--paper);padding:var(--sp-2);z-index:9}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.top{background:var(--brand);color:#fff;padding:var(--sp-2) var(--sp-3);display:flex;gap:var(--sp-3);align-items:center;white-space:nowrap}
header.top a{color:#fff}header.top strong{flex:none}
header.top .who{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;font-size:var(--fs-s)}
header.top>:last-child{margin-left:auto}
nav.main{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:0 var(--sp-4);padding:0 var(--sp-3);border-bottom:1px solid var(--line)}
nav.main ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:0 var(--sp-4)}
nav.main a{display:inline-block;padding:var(--sp-2) 0;text-decoration:none}
nav.main a[aria-current=page]{font-weight:700;border-bottom:3px solid var(--link)}
nav.main .logout{display:flex;flex-wrap:wrap;gap:var(--sp-2);align-items:center;padding:var(--sp-1) 0}
details.menu{border:0;margin:0;padding:0;flex:1}
details.menu>summary{list-style:none;display:flex;gap:var(--sp-2);align-items:center;padding:var(--sp-2) 0;font-weight:600}
details.menu>summary::-webkit-details-marker{display:none}
details.menu>summary::before{content:"☰";font-size:1.25rem;line-height:1}
details.menu>summary .here{font-weight:400;color:var(--muted);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
details.menu[open]>summary::before{content:"✕"}
details.menu ul{flex-direction:column;gap:0;padding-bottom:var(--sp-2)}
details.menu ul a{padding:var(--sp-2) 0;min-height:2.75rem}
@media(min-width:48rem){
@supports selector(::details-content){
details.menu>summary{display:none}
details.menu::details-content{content-visibility:visible;display:contents}
details.menu{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:0 var(--sp-4)}
details.menu ul{flex-direction:row;gap:0 var(--sp-4);padding:0}
details.menu ul a{min-height:0}}}
main{padding:var(--sp-3);max-width:72rem;margin:0 auto}
@media(min-width:37.5rem){main{padding:var(--sp-4) var(--sp-5)}header.top,nav.main{padding-left:var(--sp-5);padding-right:var(--sp-5)}}
h1{font-size:var(--fs-xxl);margin:var(--sp-2) 0 var(--sp-3);line-height:1.2}
h2{font-size:var(--fs-xl);margin:var(--sp-5) 0 var(--sp-2);line-height:1.25}
h3{font-size:var(--fs-l);margin:var(--sp-4) 0 var(--sp-1)}h4{font-size:var(--fs-m);margin:var(--sp-3) 0 var(--sp-1)}
@media(max-width:37.5rem){h1{font-size:var(--fs-xl)}h2{font-size:var(--fs-l)}}
.vi,small.en,.en{color:var(--muted);font-size:.875em}
.muted{color:var(--muted)}caption{text-align:left}
.notice{background:#e7f4e4;border-left:4px solid #2e7d32;padding:var(--sp-2) var(--sp-4);margin:0 0 var(--sp-4)}
.error{background:#fdecea;border-left:4px solid #b3261e;padding:var(--sp-2) var(--sp-4);margin:0 0 var(--sp-4)}
.error ul,.notice ul{margin:var(--sp-1) 0;padding-left:var(--sp-5)}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.9375rem}
th,td{text-align:left;padding:var(--sp-2);border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--surface)}tbody th{background:none}
@media(max-width:37.5rem){
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
table.stack,table.stack tbody,table.stack tbody th{display:block;width:100%}
table.stack{font-size:var(--fs-s)}
table.stack tr{display:grid;grid-template-columns:repeat(auto-fill,minmax(8.5rem,1fr));column-gap:var(--sp-4);border:1px solid var(--line);border-radius:var(--radius);margin:0 0 var(--sp-2);padding:var(--sp-1) var(--sp-3)}
table.stack tbody th{grid-column:1/-1;border:0;padding:var(--sp-1) 0;font-weight:700}
table.stack td{display:flex;width:auto;gap:0 var(--sp-1);justify-content:flex-end;white-space:nowrap;border:0;padding:var(--sp-1) 0;text-align:right}
table.stack td.wide,table.stack.lines td{grid-column:1/-1}
table.stack.lines td{white-space:normal}
table.stack.lines td>ul{margin:0;padding-left:var(--sp-4);text-align:left}
table.stack td:not([data-label]){grid-column:1/-1;text-align:left;justify-content:flex-start;white-space:normal}
table.stack td[data-label]::before{margin-right:auto;padding-right:var(--sp-2);white-space:normal;content:attr(data-label);font-weight:600;color:var(--muted);text-align:left}}
.chart{margin:var(--sp-2) auto;max-width:100%}
.chart svg{display:block;width:100%;height:auto;margin:0 auto}
.chart.radar{max-width:30rem}.chart.bars{max-width:30rem;margin-left:0}
.lv{display:inline-block;min-width:5.5rem;padding:0 var(--sp-2);border-radius:.75rem;font-size:var(--fs-s);line-height:1.5rem;text-align:center;border:1px solid #889;white-space:nowrap}
.lv-none{background:var(--lv-none-bg);color:var(--lv-none-ink)}.lv-CB{background:var(--lv-CB-bg);color:var(--lv-CB-ink)}
.lv-TT{background:var(--lv-TT-bg);color:var(--lv-TT-ink)}.lv-NC{background:var(--lv-NC-bg);color:var(--lv-NC-ink)}
.lv.self{background:var(--paper);color:var(--ink);border-style:dashed;border-width:2px;min-width:0}
.tag{display:inline-block;font-size:var(--fs-xs);background:var(--warn-bg);color:var(--warn-ink);border:1px solid #d9b44a;border-radius:.25rem;padding:0 var(--sp-1)}
details{border:1px solid var(--line);border-radius:var(--radius);margin:var(--sp-2) 0;padding:var(--sp-1) var(--sp-3)}
summary{cursor:pointer;padding:var(--sp-1) 0}
details.tr{border:0;padding:0;margin:var(--sp-1) 0;font-size:var(--fs-s)}details.tr>summary{color:var(--link);padding:0;display:inline-block}
ul.crit{list-style:none;padding:0;margin:var(--sp-1) 0}ul.crit li{padding:var(--sp-2) 0;border-top:1px dotted var(--line)}
.ok{color:var(--ok);font-weight:600}.miss{color:var(--bad);font-weight:600}
ol.comps{list-style:none;margin:var(--sp-2) 0;padding:0}
ol.comps>li>details,ol.comps>li>.comp{margin:0;border-width:0 0 1px;border-radius:0;padding:0}
ol.comps>li:first-child>details,ol.comps>li:first-child>.comp{border-top-width:1px}
.comp-row{display:flex;gap:var(--sp-2);align-items:center;padding:var(--sp-2) 0}
.comp-row .num{flex:none;font-weight:700;min-width:3rem}
ol.comps summary{list-style:none;padding:0}ol.comps summary::-webkit-details-marker{display:none}
ol.comps summary .num::before{content:"▸";display:inline-block;width:1rem;color:var(--link)}
ol.comps details[open]>summary .num::before{content:"▾"}ol.comps .comp .num::before{content:"";display:inline-block;width:1rem}
.comp-row .name{flex:1;min-width:0;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;line-height:1.3}
.comp-row .chips{flex:none;display:flex;flex-direction:column;gap:2px;align-items:flex-end}
.comp-row .lv{min-width:0;font-size:var(--fs-xs);line-height:1.25rem}
ol.comps .body{padding:0 0 var(--sp-3) 3.5rem}
@media(max-width:37.5rem){ol.comps .body{padding-left:0}}
form.inline{display:flex;flex-wrap:wrap;gap:var(--sp-2);align-items:end}form.inline>div{min-width:0;max-width:100%}select{width:100%}
label{display:block;font-weight:600;margin:var(--sp-1) 0}
label.check{display:flex;gap:var(--sp-2);font-weight:400;align-items:flex-start}label.check input{margin-top:.3rem;flex:none;width:1.1rem;height:1.1rem}
input[type=text],input[type=search],input[type=password],input[type=email],input[type=number],input[type=file],select,textarea{font:inherit;padding:.375rem var(--sp-2);border:1px solid var(--line-strong);border-radius:.25rem;max-width:100%;min-height:2.5rem}
[aria-invalid=true]{border-color:#b3261e;border-width:2px}
button,.button{font:inherit;padding:.375rem var(--sp-4);min-height:2.5rem;border:1px solid var(--link);background:var(--link);color:#fff;border-radius:.25rem;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:var(--paper);color:var(--link)}
.grid2{display:grid;gap:var(--sp-4)}@media(min-width:48rem){.grid2{grid-template-columns:1fr 1fr}}
.legend .lv{margin:0 var(--sp-1) var(--sp-1) 0}
.heatmap{width:auto;font-size:var(--fs-s)}
.heatmap th,.heatmap td{padding:var(--sp-1)}
.heatmap thead th{white-space:nowrap;text-align:center}
.heatmap th:first-child{position:sticky;left:0;z-index:1;background:var(--paper);box-shadow:1px 0 0 var(--line);text-align:left;width:7rem;min-width:7rem;max-width:7rem}
.heatmap thead th:first-child{background:var(--surface)}
.heatmap tbody th{font-weight:400;white-space:normal;overflow-wrap:anywhere;line-height:1.25}
.heatmap td.hm{text-align:center;width:2.125rem;min-width:2.125rem;font-size:var(--fs-xs);border:1px solid var(--paper);padding:var(--sp-1) 0}
.heatmap abbr{text-decoration:none}
/* Pupils against their own target: the level and a sign in each cell (▼ below, ● at, ▲ above). */
.heatmap td.vd{width:3rem;min-width:3rem;white-space:nowrap}.heatmap td.target{text-align:center;font-weight:600}
.vd-below{background:#fbdcd6;color:#5c0f08}.vd-at{background:#d3ecd6;color:#0f3d1a}.vd-above{background:#1e6b24;color:#fff}
.vd-none{background:var(--lv-none-bg);color:var(--lv-none-ink)}.vd-unknown{background:var(--paper);color:var(--ink);outline:1px dashed var(--line-strong);outline-offset:-3px}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:var(--sp-1) var(--sp-3)}.verdicts .lv{min-width:2rem}
/* Needs analysis: the share below target, the number in each cell, the colour only helps. */
.needs-map td{text-align:center;font-size:var(--fs-s);border:1px solid var(--paper);padding:var(--sp-1) var(--sp-2)}
.needs-map tbody th{font-weight:400;text-align:left}
.need-0{background:#f1f1f1;color:#333}.need-1{background:#fde8d4;color:#4a2300}.need-2{background:#f9c08f;color:#3d1d00}
.need-3{background:#e07b39;color:#1f0d00}.need-4{background:#a63d00;color:#fff}
.needs-sides{display:flex;flex-wrap:wrap;gap:0 var(--sp-4);margin:var(--sp-1) 0}.needs-sides dd{margin:0}
@media(min-width:48rem){.heatmap th:first-child{width:12rem;min-width:12rem;max-width:16rem}.heatmap td.hm{width:2.75rem;min-width:2.75rem}}
.need{border-top:1px solid var(--line);padding:var(--sp-2) 0}.need h3{margin:var(--sp-1) 0}
/* The report pages' tabs and the node's place in the tree (a breadcrumb). */
.report-head{margin:0 0 var(--sp-3)}
nav.tabs ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:0 var(--sp-3);border-bottom:1px solid var(--line)}
nav.tabs a{display:inline-block;padding:var(--sp-1) 0;text-decoration:none}
nav.tabs a[aria-current=page]{font-weight:700;border-bottom:3px solid var(--link)}
nav.node-path ol{list-style:none;margin:var(--sp-2) 0 0;padding:0;display:flex;flex-wrap:wrap;gap:0 var(--sp-1)}
nav.node-path li+li::before{content:"›";margin-right:var(--sp-1);color:var(--muted)}
.status-met{color:#14622a;font-weight:600}.status-open{color:#7a5200;font-weight:600}.status-missed{color:#a01818;font-weight:600}
.rule-mark{color:#a01818}
.table-title{font-weight:600;margin:var(--sp-2) 0}
/* A wide table of figures keeps its columns readable and scrolls sideways in its box. */
.scroll table.figures{min-width:44rem}
/* The plan targets report: a target's facts as a two-column list, its share as a small bar. */
.target{border-top:1px solid var(--line);margin-top:var(--sp-4)}
.target-facts{display:grid;grid-template-columns:max-content 1fr;gap:var(--sp-1) var(--sp-3)}.target-facts dt{font-weight:600}.target-facts dd{margin:0}.target-facts ul{margin:0;padding-left:var(--sp-4)}
.target-bar{vertical-align:middle}
.notice.warning{background:#fff4e0;border-left-color:#b26a00}
/* The needs report: level chips; printed, no menu or forms, a domain a page. The print view
   (data-printed-for) shows on screen the report alone, as it will print. */
.needs-chips{list-style:none;margin:.25rem 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .75rem}
.needs-chips li{white-space:nowrap}
.needs-domain{border-top:2px solid var(--line,#dde);margin-top:1.5rem}
.needs-domain ol,.needs-domain ul{padding-left:1.25rem}
.needs-domain li{margin:.25rem 0}
/* A pupil's page: a big bar per domain toward the grade's goal, its words beside; the other
   language under, smaller. The bar is drawn only; its words say the level. */
.other-lang{display:block;font-size:var(--fs-s);color:var(--muted);font-weight:400}
.pupil-domain{border-top:1px solid var(--line);padding:var(--sp-3) 0}
.pupil-domain h3{margin:0 0 var(--sp-2);font-size:var(--fs-l)}
.pupil-bar{height:1.75rem;border:2px solid var(--brand);border-radius:.875rem;background:var(--surface);overflow:hidden;margin:var(--sp-2) 0}
.pupil-bar>span{display:block;height:100%;background:#2a7d46}
.pupil-parts{list-style:none;padding:0;margin:var(--sp-2) 0}.pupil-parts>li{padding:var(--sp-2) 0;border-top:1px dashed var(--line)}
.pupil-next li{margin:var(--sp-2) 0}
@media print{
header.top,nav.main,.skip,.no-print,form{display:none!important}
main{max-width:none;padding:0}
body{font-size:11pt}
.needs-domain{break-before:page;border:0;margin:0}
.needs-domain h2,.needs-domain h3{break-after:avoid}
.needs-domain li{break-inside:avoid}
.lv{-webkit-print-color-adjust:exact;print-color-adjust:exact}
a[href^="http"]::after{content:" <" attr(href) ">";font-size:.85em;color:#444;overflow-wrap:anywhere}
}
body:has([data-printed-for]) header.top,body:has([data-printed-for]) nav.main{display:none}
`
