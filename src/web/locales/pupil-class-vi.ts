/** Page texts in Vietnamese: the class heat-map of pupils against their targets, and its export. */
export const pupilClassVi = {
  pupilClass: {
    rosterTitle: 'Bản đồ nhiệt học sinh theo lớp',
    rosterIntro: 'Học sinh được đánh giá theo bảng này: {{count}} em.',
    rosterLink: 'Xem học sinh theo lớp (khung năng lực số của người học, Thông tư 02/2025)',
    staffLink: 'Quay lại bản đồ nhiệt đội ngũ',
    className: 'Lớp',
    allClasses: 'Tất cả các lớp',
    pupil: 'Học sinh',
    target: 'Mục tiêu',
    noTarget: 'chưa có khối',
    targetOf: 'Khối {{grade}}: mục tiêu {{level}}',
    caption:
      'Bậc của từng học sinh theo thành phần, so với mục tiêu của khối em học; chọn tên để xem giải thích.',
    targetNote:
      'Mục tiêu của mỗi em là mức mong đợi của khối em học: theo khung của Thông tư 02/2025, hoặc mức nhà trường đặt cho khối đó.',
    textMissing:
      'Nội dung chính thức của các chỉ báo theo Thông tư 02/2025 chưa được nạp vào hệ thống: bảng chỉ cho biết bậc đã đạt.',
    legend: 'Chú giải',
    verdicts: {
      below: 'Dưới mục tiêu',
      at: 'Đạt mục tiêu',
      above: 'Vượt mục tiêu',
      none: 'Chưa có minh chứng',
      unknown: 'Chưa rõ mục tiêu (chưa có khối)',
    },
    cell: '{{component}}: {{level}} — {{verdict}}',
    summary: 'Đạt mục tiêu trở lên',
    summaryCell: '{{count}} trong {{total}} em đạt mục tiêu trở lên ở thành phần {{component}}',
    summaryPage: 'Dòng tổng tính trên {{count}} học sinh của trang này.',
    domain: 'Miền {{number}}',
    download: 'Tải về cho giáo viên chủ nhiệm (cả lớp):',
    csv: 'CSV',
    xlsx: 'Excel (XLSX)',
    noPupils:
      'Bảng năng lực của khóa học này không phải bảng của người học: không có danh sách học sinh để tải.',
    noTable: 'Hãy chọn bảng năng lực của người học để xem và tải danh sách học sinh.',
    notLearnersTable: '{{table}} không phải bảng năng lực của người học',
    export: {
      sheet: 'Học sinh',
      className: 'Lớp',
      name: 'Họ và tên',
      pupilCode: 'Mã học sinh (ma_hs)',
      grade: 'Khối',
      target: 'Mục tiêu',
      level: '{{component}} bậc',
      reached: '{{component}} đạt mục tiêu',
      yes: 'Có',
      no: 'Không',
    },
  },
}
