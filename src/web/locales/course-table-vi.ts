/** Page texts in Vietnamese: a course's competency table and grade. */
export const courseTableVi = {
  courseTable: {
    title: 'Bảng năng lực của khoá học',
    intro:
      'Bảng năng lực mà khoá học này phát triển: người học của khoá được đánh giá theo bảng này (cùng với bảng họ tự chọn hoặc bảng trong danh sách). Lớp học sinh chọn bảng TT02.NH và khối của lớp.',
    audience: 'Bảng năng lực',
    schoolDefault: 'Bảng mặc định của đơn vị ({{audience}})',
    grade: 'Khối (chỉ với bảng của học sinh: {{tables}})',
    noGrade: 'Không đặt khối',
    gradeN: 'Khối {{grade}}',
    save: 'Lưu bảng của khoá học',
    saved: 'Đã lưu bảng năng lực của khoá học.',
    noCourse:
      'Trang này là của cả đơn vị, không của một khoá học: hãy mở NLS từ khoá học để đặt bảng của khoá.',
    problem: {
      audienceUnknown:
        'Không có bảng {{audience}} trong các khung năng lực đang áp dụng; chọn một trong: {{accepted}}, hoặc bảng mặc định của đơn vị.',
      gradeInvalid: 'Khối phải là số từ 1 đến 12 (đã nhập "{{got}}").',
      gradeNotTaken:
        'Khối chỉ dùng với bảng của học sinh ({{graded}}); bảng {{audience}} không chia theo khối.',
    },
  },
}
