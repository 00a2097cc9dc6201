/**
 * Page texts in Vietnamese: a pupil's own pages on the learners' table (Thông tư 02/2025), in
 * words a pupil of ten understands. The page shows the English beside (pupil-pages-en.ts).
 */
export const pupilPagesVi = {
  pupilPages: {
    title: 'Năng lực số của em',
    intro: 'Có 6 mảng năng lực số. Mỗi thanh là một mảng: thanh càng dài, em càng làm được nhiều.',
    goal: 'Mục tiêu lớp {{grade}}: {{level}}',
    goalBySchool: 'Trường em đặt mục tiêu này.',
    noGrade: 'Chưa biết em học lớp mấy, nên chưa có mục tiêu. Em vẫn xem được mức của mình.',
    domainAt: 'Em đang ở mức: {{level}}',
    noLevel: 'Chưa có mức nào',
    reached: 'Em đã đạt mục tiêu!',
    notReached: 'Em chưa tới mục tiêu. Cố lên!',
    barLabel: 'Mảng {{number}}: {{level}}, mục tiêu {{goal}}',
    barLabelNoGoal: 'Mảng {{number}}: {{level}}',
    parts: 'Các phần nhỏ của mảng này',
    shownBy: 'Em đã cho thấy qua:',
    noActivity: 'Chưa có bài nào cho thấy phần này.',
    nextTitle: 'Em làm gì tiếp theo?',
    nextIntro: 'Những bài này giúp em lên mức cao hơn. Bài gần nhất ở trên cùng.',
    nextItem: 'giúp em lên {{level}} ở phần {{number}}',
    noNext: 'Chưa có bài nào gắn với mức tiếp theo của em. Em hãy hỏi thầy cô nhé.',
    missingText: 'Văn bản chính thức của các chỉ báo chưa được nạp vào hệ thống',
    missingTextMore:
      'Vì vậy trang này chỉ ghi tên mức, chưa ghi em cần làm gì ở từng mức. Khi nhà trường nạp văn bản của Thông tư 02/2025, em sẽ thấy ở đây.',
    toReach: 'Để lên {{level}}, em cần:',
    selfLink: 'Tự đánh giá: em làm được gì?',
    selfIntro:
      'Đánh dấu những điều em làm được. Đây là ý của em, được lưu riêng, không thay cho kết quả bài làm.',
    iCan: 'Em làm được…',
    levelNoText: 'Mức {{level}}: chưa có văn bản chính thức, nên chưa có gì để đánh dấu.',
  },
}
