/** Page texts in Vietnamese: Plans of organisations (import, list). */
export const plansVi = {
  plans: {
    title: 'Kế hoạch và chỉ tiêu',
    intro:
      'Kế hoạch của đơn vị và của các cấp trên áp dụng cho đơn vị này: mỗi chỉ tiêu là tỷ lệ một nhóm cán bộ, giáo viên hay học sinh đạt một mức năng lực số ở các thành phần nêu ra, trước một hạn.',
    none: 'Chưa có kế hoạch nào áp dụng cho đơn vị này.',
    of: 'Kế hoạch của {{owner}}',
    ownPlan: 'Kế hoạch của đơn vị này',
    fromAbove: 'Kế hoạch của cấp trên ({{owner}}), chỉ xem',
    importedAt: 'Nhập ngày {{date}}',
    unreadable: 'Không đọc được kế hoạch đã lưu này; hãy nhập lại.',
    calendar: 'Lịch báo cáo',
    before: 'trước {{day}}',
    period: {
      'semester-1': 'Học kỳ I',
      'semester-2': 'Học kỳ II',
      year: 'Hằng năm',
      'school-year': 'Cuối năm học',
    },
    targets: 'Chỉ tiêu',
    target: 'Chỉ tiêu',
    group: 'Đối tượng',
    components: 'Thành phần',
    level: 'Mức tối thiểu',
    share: 'Tỷ lệ',
    deadline: 'Hạn',
    atLeast: 'ít nhất {{share}}',
    moreThan: 'trên {{share}}',
    pupils: 'Học sinh khối {{grades}}',
    atLevels: '{{positions}} (cấp {{levels}})',
    position: {
      GV: 'Giáo viên',
      TTCM: 'Tổ trưởng chuyên môn',
      CBQL: 'Cán bộ quản lý',
      NV: 'Nhân viên',
    },
    delete: 'Xoá kế hoạch',
    imported: 'Đã nhập kế hoạch {{code}}.',
    replaced: 'Đã thay kế hoạch {{code}} bằng bản vừa nhập.',
    deleted: 'Đã xoá kế hoạch {{code}}.',
    importTitle: 'Nhập kế hoạch',
    importIntro:
      'Tải lên kế hoạch dạng JSON (đầy đủ), hoặc dạng CSV (mỗi dòng một chỉ tiêu; số hiệu, tên và lịch báo cáo điền ở dưới). Nhập lại kế hoạch cùng số hiệu sẽ thay kế hoạch cũ. Tệp có lỗi bị từ chối toàn bộ.',
    notOrganisation:
      'Chỉ tổ chức (phòng, Sở, thành phố) mới có kế hoạch; trường kết nối qua LMS xem kế hoạch của cấp trên.',
    file: 'Tệp kế hoạch (JSON hoặc CSV)',
    csvFields: 'Với tệp CSV',
    code: 'Số hiệu kế hoạch (ví dụ 484/KH-UBND)',
    name: 'Tên kế hoạch',
    nameEn: 'Tên tiếng Anh (không bắt buộc)',
    calendarChoice: 'Kỳ báo cáo và hạn (tháng-ngày)',
    due: 'Hạn của {{period}} (MM-DD)',
    upload: 'Tải lên và nhập',
    examples: 'Kế hoạch mẫu',
    examplesIntro: 'Tải về để xem định dạng:',
    example: {
      '484-KH-UBND-quan-6': 'Kế hoạch 484/KH-UBND của Quận 6',
      'de-an-hcm-2022-2025': 'Đề án của Thành phố, 2022–2025',
    },
    refused: 'Không nhập được kế hoạch: {{count}} lỗi. Chưa lưu gì.',
    at: 'tại {{path}}',
    field: {
      file: 'Tệp',
      code: 'Số hiệu',
      name: 'Tên kế hoạch',
      nameEn: 'Tên tiếng Anh',
      calendar: 'Kỳ báo cáo',
    },
    problem: {
      ERR_PLAN_REQUIRED: 'bắt buộc, chưa có',
      ERR_PLAN_INVALID: 'giá trị không hợp lệ ({{detail}})',
      ERR_PLAN_NOT_JSON: 'không phải tệp JSON hợp lệ ({{reason}})',
      ERR_PLAN_FILE_MISSING: 'chọn tệp kế hoạch để tải lên',
      ERR_PLAN_NOT_ORGANISATION:
        '{{node}} là trường kết nối qua LMS: chỉ tổ chức (phòng, Sở, thành phố) mới có kế hoạch',
      ERR_PLAN_TABLE_UNKNOWN: 'không có bảng năng lực {{table}}',
      ERR_PLAN_COMPONENT_UNKNOWN: 'bảng {{table}} không có thành phần {{component}}',
      ERR_PLAN_DOMAIN_UNKNOWN: 'bảng {{table}} không có miền {{domain}}',
      ERR_PLAN_LEVEL_UNKNOWN: 'khung {{framework}} không có mức {{level}}; các mức là {{levels}}',
      ERR_CSV_NOT_UTF8: 'tệp không phải văn bản UTF-8; trong Excel, hãy lưu dạng "CSV UTF-8"',
      ERR_CSV_UNREADABLE: 'không đọc được tệp CSV ({{reason}})',
      ERR_PLAN_CSV_EMPTY:
        'tệp không có chỉ tiêu: dòng đầu ghi tên cột ({{columns}}), sau đó mỗi dòng một chỉ tiêu',
      ERR_PLAN_CSV_COLUMN_UNKNOWN: 'không biết cột {{unknown}}; các cột là {{columns}}',
      ERR_PLAN_CSV_COLUMN_MISSING: 'thiếu cột {{missing}}; các cột là {{columns}}',
      ERR_PLAN_CSV_REQUIRED: 'bắt buộc, đang để trống',
      ERR_PLAN_CSV_ID_INVALID:
        '"{{id}}" không phải mã hợp lệ: 1 đến 40 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới',
      ERR_PLAN_CSV_ID_TWICE: 'mã {{id}} đã có ở hàng {{row}}',
      ERR_PLAN_CSV_GROUP_MISSING:
        'ghi chức vụ (chuc_vu) cho chỉ tiêu của cán bộ, hoặc khối (khoi) cho chỉ tiêu của học sinh',
      ERR_PLAN_CSV_GROUP_BOTH:
        'một chỉ tiêu dành cho cán bộ (chuc_vu) hoặc cho học sinh (khoi), không cả hai',
      ERR_PLAN_CSV_POSITION_UNKNOWN:
        'không có chức vụ "{{position}}"; dùng {{positions}} (giáo viên, tổ trưởng chuyên môn, cán bộ quản lý, nhân viên)',
      ERR_PLAN_CSV_SCHOOL_LEVEL_UNKNOWN:
        'không có cấp học "{{schoolLevel}}"; dùng {{schoolLevels}}',
      ERR_PLAN_CSV_GRADES_INVALID:
        '"{{grades}}" không phải danh sách khối từ 1 đến 12, ví dụ 6+7+8+9 hoặc 6-9',
      ERR_PLAN_CSV_COMPONENT_INVALID:
        '"{{component}}" không phải thành phần: số như 4.2 hoặc mã như TT18.QL.4.5',
      ERR_PLAN_CSV_DOMAIN_INVALID: '"{{domain}}" không phải miền: số như 1',
      ERR_PLAN_CSV_TARGETS_BOTH: 'ghi thành phần (thanh_phan) hoặc miền (mien), không ghi cả hai',
      ERR_PLAN_CSV_MEASURE_INVALID:
        '"{{measure}}" không phải cách đo: đạt mức (attainment) hoặc tiếp cận (exposure)',
      ERR_PLAN_CSV_TABLE_INVALID: '"{{table}}" không phải bảng như PT, MN, QL, NH hoặc TT18.PT',
      ERR_PLAN_CSV_LEVEL_INVALID:
        '"{{level}}" không phải mức: CB, TT, NC (Cơ bản, Thành thạo, Nâng cao)',
      ERR_PLAN_CSV_SHARE_INVALID:
        '"{{share}}" không phải tỷ lệ: lớn hơn 0 và tối đa 100%, ví dụ 30%, 0,3 hoặc "trên 50%"',
      ERR_PLAN_CSV_DATE_INVALID: '"{{date}}" không phải ngày như 31/12/2025 hoặc 2025-12-31',
    },
  },
}
