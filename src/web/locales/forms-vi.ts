/** The texts of forms and uploads in Vietnamese: field problems, verbs, file problems, the deep-linking chooser. */
export const formsVi = {
  formErrors: {
    summary: 'Chưa gửi được: {{count}} chỗ cần sửa. Những gì bạn đã nhập vẫn được giữ nguyên.',
    competencyNone: 'Hãy chọn ít nhất một năng lực (tìm trong khung rồi đánh dấu).',
    competencyTooMany: 'Một thẻ gắn tối đa 50 năng lực: bỏ bớt một số năng lực đã chọn.',
    competencyUnknown:
      '{{id}} không phải là chỉ báo hay thành phần ở một mức của khung năng lực: bỏ chọn rồi tìm lại.',
    minScore: 'Điểm tối thiểu phải là một số phần trăm từ 0 đến 100 (ví dụ 80), hoặc để trống.',
    count: 'Số lần cần phải là một số nguyên từ 1 đến 1000.',
    weight: 'Trọng số phải là một số lớn hơn 0 và không quá 1 (ví dụ 0,5).',
    verbNone: 'Hãy chọn ít nhất một hành động được tính.',
    verbInvalid: 'Có một hành động không phải là IRI của động từ xAPI.',
    activity: 'Không rõ hoạt động được gắn thẻ: hãy mở lại trình gắn thẻ từ trang Hoạt động.',
    required: 'Hãy nhập trường này.',
    tooLong: 'Quá dài: tối đa {{count}} ký tự.',
    reasonNeeded: 'Hãy ghi lý do cho quyết định.',
    fileNeeded: 'Hãy chọn một tệp CSV để tải lên.',
    invalid: 'Giá trị này không hợp lệ: hãy kiểm tra lại.',
  },
  tagVerbs: {
    legend: 'Hành động được tính (động từ xAPI)',
    hint: 'Bản ghi có một trong các hành động được đánh dấu mới được tính là minh chứng. Bài tập được chấm điểm trong Moodle gửi “được chấm điểm”.',
    completed: 'Hoàn thành (completed)',
    passed: 'Đạt (passed)',
    scored: 'Được chấm điểm (scored)',
    mastered: 'Thành thạo (mastered)',
    achieved: 'Đạt được (achieved)',
    satisfied: 'Đáp ứng yêu cầu (satisfied)',
    answered: 'Trả lời câu hỏi (answered)',
    responded: 'Phản hồi tương tác (responded)',
    submit: 'Nộp bài (submit)',
    viewed: 'Xem (viewed)',
    other: 'Động từ khác',
  },
  csvProblem: {
    ERR_CSV_NOT_UTF8:
      'tệp không phải văn bản UTF-8; trong Excel, hãy lưu dạng "CSV UTF-8 (Comma delimited)"',
    ERR_CSV_UNREADABLE: 'không đọc được tệp CSV ({{reason}})',
    got: 'nhận "{{got}}"',
    ERR_ROSTER_EMPTY: 'tệp trống: hàng đầu tiên phải ghi tên các cột ({{columns}})',
    ERR_ROSTER_COLUMN_UNKNOWN: 'cột không rõ {{unknown}}; các cột là {{columns}}',
    ERR_ROSTER_EMAIL_COLUMN_MISSING:
      'thiếu cột email hoặc ma_hs: nhân sự được nhận biết bằng email, học sinh bằng mã học sinh; các cột là {{columns}}',
    ERR_ROSTER_EMAIL_OR_PUPIL_CODE_REQUIRED:
      'cần email (nhân sự) hoặc mã học sinh ma_hs (học sinh): {{columns}}',
    ERR_ROSTER_EMAIL_INVALID: '"{{email}}" không phải địa chỉ email',
    ERR_ROSTER_EMAIL_TWICE: '{{email}} đã có ở hàng {{row}}',
    ERR_ROSTER_EMAIL_TAKEN: 'email {{email}} đã thuộc về người khác; chưa liên kết',
    ERR_ROSTER_PUPIL_CODE_TWICE: 'mã học sinh {{pupilCode}} đã có ở hàng {{row}}',
    ERR_ROSTER_TABLE_UNKNOWN: 'không có bảng năng lực {{table}}; dùng {{tables}}',
    ERR_ROSTER_HOME_PAGE_INVALID:
      '"{{homePage}}" không phải trang chủ (một địa chỉ http hoặc https)',
    ERR_ROSTER_HOME_PAGE_MISSING:
      'có tài khoản nhưng chưa có trang chủ LMS: thêm cột trang_chu, hoặc đặt trang chủ tài khoản của đơn vị',
    ERR_ROSTER_ACCOUNT_TWICE: '{{account}} đã có ở hàng {{row}}',
    ERR_ROSTER_ACCOUNT_TAKEN: 'tài khoản {{account}} đã thuộc về người khác; chưa liên kết',
    ERR_ROSTER_UNIT_UNKNOWN: 'phải ghi tên một trường của phòng: {{schools}}',
    ERR_ROSTER_POSITION_UNKNOWN:
      'không có chức vụ "{{position}}"; dùng {{positions}} (giáo viên, tổ trưởng chuyên môn, cán bộ quản lý, nhân viên)',
    ERR_ROSTER_SCHOOL_LEVEL_UNKNOWN:
      'không có cấp học "{{schoolLevel}}"; dùng {{schoolLevels}} (mầm non, tiểu học, trung học cơ sở, trung học phổ thông, giáo dục thường xuyên)',
    ERR_ROSTER_GRADE_INVALID: '"{{grade}}" không phải là khối: cần một số nguyên từ 1 đến 12',
    ERR_TAG_CSV_EMPTY: 'tệp trống: hàng đầu tiên phải ghi tên các cột ({{columns}})',
    ERR_TAG_CSV_HEADER_MISSING:
      'hàng đầu tiên phải ghi tên các cột ({{columns}}); hàng này có {{cells}}',
    ERR_TAG_CSV_COLUMN_UNKNOWN: 'cột không rõ {{unknown}}; các cột là {{columns}}',
    ERR_TAG_CSV_COLUMN_TWICE: 'cột "{{name}}" có hai lần',
    ERR_TAG_CSV_COMPETENCY_COLUMN_MISSING: 'thiếu cột competency_ids',
    ERR_TAG_CSV_TARGET_COLUMN_MISSING:
      'thiếu cột {{targets}}: cần ít nhất một cột, để chỉ hoạt động được gắn thẻ',
    ERR_TAG_CSV_CELL_UNNAMED: 'có giá trị ở cột {{position}}, cột này không có tên',
    ERR_TAG_CSV_CELLS_BEYOND:
      '{{count}} giá trị nằm ngoài {{columns}} cột của hàng tiêu đề (ô có dấu phẩy, như 0,8, phải đặt trong ngoặc kép)',
    ERR_TAG_CSV_TARGET_NONE: 'hãy ghi một trong các cột {{targets}}',
    ERR_TAG_CSV_TARGET_SEVERAL: 'chỉ ghi một trong các cột {{targets}}; hàng này có {{given}}',
    ERR_TAG_CSV_NAME_ON_PREFIX:
      'tên đặt cho một hoạt động (activity_iri hoặc resource_link_id), không cho một tiền tố',
    ERR_TAG_CSV_MIN_SCORE_INVALID: 'phải là tỉ lệ từ 0 đến 1 như 0,8, hoặc phần trăm như 80%',
    ERR_TAG_CSV_WEIGHT_INVALID: 'phải là số lớn hơn 0 và không quá 1, như 0,5',
    ERR_TAG_CSV_COUNT_INVALID: 'phải là số nguyên câu lệnh từ 1 đến 1000',
    ERR_TAG_CSV_FLAG_INVALID: 'phải là true hoặc false (hoặc yes/no, 1/0, có/không)',
    ERR_TAG_CSV_GRADEBOOK_INVALID:
      'phải là level (mức 0–3 trên 3) hoặc share (tỉ lệ tiêu chí liên kết yêu cầu đã đạt), hoặc để trống',
    ERR_TAG_CSV_VERB_INVALID: '"{{verb}}" không phải IRI động từ xAPI hợp lệ',
    ERR_TAG_CSV_VERB_NONE: 'cần ít nhất một động từ',
    ERR_TAG_CSV_COMPETENCY_NONE: 'cần ít nhất một năng lực',
    ERR_TAG_CSV_COMPETENCY_TOO_MANY: 'một thẻ gắn tối đa 50 năng lực',
    ERR_TAG_CSV_COMPETENCY_UNKNOWN:
      '{{id}} không phải là chỉ báo hay thành phần ở một mức của khung năng lực',
    ERR_TAG_CSV_VALUE_INVALID: 'giá trị không hợp lệ ({{detail}})',
    ERR_TAG_CSV_ALREADY_TAGGED: 'đã gắn thẻ (thẻ {{tagId}})',
    ERR_TAG_CSV_SAME_AS_ROW: 'trùng thẻ ở hàng {{row}}',
    ERR_TAG_CSV_OTHER_RULE:
      'thẻ {{tagId}} gắn cùng hoạt động và năng lực với quy tắc khác; cả hai đều được tính',
    ERR_TAG_CSV_COURSE_DIFFERS:
      '{{got}} khác với {{first}} ở dòng {{firstLine}}: một khoá học chỉ có một bảng và một khối',
    ERR_TAG_CSV_COURSE_NONE:
      'trang của cả đơn vị không có khoá học để đặt bảng; hãy tải tệp lên từ khoá học (mở từ LMS)',
    ERR_TAG_CSV_COURSE_TABLE_UNKNOWN:
      'không có bảng {{audience}} trong các khung năng lực đang áp dụng; chọn một trong: {{accepted}}, hoặc để trống',
    ERR_TAG_CSV_COURSE_GRADE_INVALID: 'khối phải là số từ 1 đến 12',
    ERR_TAG_CSV_COURSE_GRADE_NOT_TAKEN:
      'khối chỉ dùng với bảng của học sinh ({{graded}}); bảng {{audience}} không chia theo khối',
  },
  deepLinking: {
    title: 'Chọn năng lực',
    heading: 'Chọn năng lực cho hoạt động',
    course: 'Khóa học',
    activityTitle: 'Tên hoạt động',
    components: 'Năng lực thành phần ở một mức (CB Cơ bản, TT Thành thạo, NC Nâng cao)',
    descriptors: 'Mã chỉ báo, cách nhau bởi dấu cách hoặc dấu phẩy',
    gradebook: 'Điểm trong sổ điểm của LMS',
    gradebookLevel:
      'Mức đạt được trên các năng lực đã chọn (0–3: Chưa đạt, Cơ bản, Thành thạo, Nâng cao; trung bình nếu nhiều thành phần)',
    gradebookShare:
      'Tỉ lệ tiêu chí đã đạt trong các tiêu chí đã chọn (một mức gồm cả các mức dưới nó: chọn Cơ bản và đạt mọi chỉ báo Cơ bản là 100 %)',
    create: 'Tạo hoạt động',
    returning: 'Đang trả về LMS…',
    continue: 'Tiếp tục',
  },
}
