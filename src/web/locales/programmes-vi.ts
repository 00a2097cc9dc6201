/** Page texts in Vietnamese: Programme effect (courses, tag sets). */
export const programmesVi = {
  programmes: {
    title: 'Hiệu quả chương trình bồi dưỡng',
    intro:
      'Mỗi khoá học trên LMS, hoặc mỗi bộ thẻ của một trường, là một chương trình bồi dưỡng: trang này so sánh mức năng lực số của người tham gia trước và sau chương trình.',
    courses: 'Khoá học có gắn tiêu chí',
    school: 'Trường',
    course: 'Khoá học',
    participants: 'Người tham gia',
    noCourses: 'Chưa có khoá học nào được gắn tiêu chí ở các trường thuộc đơn vị này.',
    pageOf: 'Trang {{page}}/{{pages}}',
    previous: 'Trang trước',
    next: 'Trang sau',
    pages: 'Các trang',
    tagSet: 'Bộ thẻ theo tiền tố IRI',
    tagSetHelp:
      'Cho trường không có khoá học trên LMS (ví dụ K12Online): các thẻ gắn với hoạt động có IRI, hoặc tiền tố hoạt động, bắt đầu bằng tiền tố này.',
    prefix: 'Tiền tố IRI của hoạt động',
    prefixInvalid: 'Tiền tố phải là một IRI tuyệt đối, ví dụ https://k12online.vn/khoa-hoc/12/',
    schoolInvalid: 'Hãy chọn một trường của đơn vị này.',
    until: 'Tính đến ngày',
    untilInvalid: 'Ngày phải có dạng năm-tháng-ngày và không sau hôm nay.',
    show: 'Xem hiệu quả',
    effectTitle: 'Hiệu quả: {{name}}',
    tagSetName: 'Bộ thẻ {{prefix}}',
    asOf: 'Số liệu tính đến hết ngày {{date}}',
    back: 'Về danh sách chương trình',
    export: 'Tải CSV',
    summary: 'Tổng quan',
    started: 'Đã bắt đầu (có minh chứng)',
    criteriaNewlyMet: 'Tiêu chí mới đạt',
    perParticipant: 'Trung bình mỗi người tham gia',
    reachedBefore: 'Đạt mục tiêu trước chương trình',
    reachedAfter: 'Đạt mục tiêu sau chương trình',
    figure: 'Chỉ số',
    value: 'Giá trị',
    component: 'Thành phần',
    target: 'Mục tiêu',
    level: 'Mức',
    before: 'Trước',
    after: 'Sau',
    wentUp: 'Số người lên mức',
    levelsTitle: 'Mức theo thành phần, trước và sau',
    chartCaption:
      'Mỗi thanh là tỉ lệ người tham gia ở từng mức của một thành phần, trước chương trình và sau chương trình.',
    hidden:
      'Chương trình có ít hơn {{count}} người tham gia: số liệu được ẩn để không nhận ra cá nhân.',
    noComponents: 'Các thẻ của chương trình chưa gắn tiêu chí nào của khung năng lực.',
    unknownIds: 'Mã không có trong khung năng lực (không tính): {{ids}}',
    explainTitle: 'Cách tính',
    explainTags:
      'Thẻ của chương trình: với khoá học, các thẻ gắn trên hoạt động của khoá học; với bộ thẻ, các thẻ có IRI hoạt động hoặc tiền tố hoạt động bắt đầu bằng tiền tố đã chọn.',
    explainTarget:
      'Thành phần và mục tiêu: các thành phần mà tiêu chí của thẻ thuộc về; mục tiêu của mỗi thành phần là mức cao nhất mà các thẻ nêu (mức của tiêu chí, hoặc mức của thành phần được gắn).',
    explainParticipants:
      'Người tham gia: người có minh chứng từ thẻ của chương trình, và với khoá học, cả học viên (vai trò Learner) của khoá dù chưa có minh chứng.',
    explainStart:
      'Thời điểm bắt đầu: minh chứng đầu tiên của người đó từ thẻ của chương trình. Người chưa bắt đầu có mức trước bằng mức sau.',
    explainLevels:
      'Trước: mức người đó có ngay trước thời điểm bắt đầu; sau: mức có tại ngày tính đến.',
    explainCriteria:
      'Tiêu chí mới đạt: tiêu chí có minh chứng qua thẻ của chương trình mà trước thời điểm bắt đầu người đó chưa có minh chứng nào (từ bất kỳ thẻ nào).',
    explainReached:
      'Đạt mục tiêu: người có ít nhất mức mục tiêu ở mọi thành phần của chương trình; tỉ lệ tính trên tổng số người tham gia.',
  },
}
