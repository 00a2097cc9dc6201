// Statements shaped as Moodle's xAPI log store sends them (REFERENCE.md): actor by account on the
// site, module activity IDs, context parents module → section → course, platform "Moodle", no id.

const SITE = 'https://lms.thpt-chuvanan.edu.vn'

/** A quiz attempt of Moodle user `userId` with a raw score out of 10. */
export function quizAttempt(
  userId: string,
  raw: number,
  options: { site?: string; cmid?: number } = {},
) {
  const site = options.site ?? SITE
  const cmid = options.cmid ?? 12
  return {
    actor: { name: `Người học ${userId}`, account: { homePage: site, name: userId } },
    verb: {
      id: 'http://adlnet.gov/expapi/verbs/completed',
      display: { en: 'completed' },
    },
    object: {
      id: `${site}/mod/quiz/view.php?id=${cmid}`,
      objectType: 'Activity',
      definition: {
        type: 'http://adlnet.gov/expapi/activities/assessment',
        name: { vi: 'Kiểm tra: An toàn trên môi trường số' },
      },
    },
    result: {
      score: { raw, min: 0, max: 10, scaled: raw / 10 },
      completion: true,
      success: raw >= 5,
      duration: 'PT12M30S',
    },
    timestamp: '2026-11-20T08:15:00+07:00',
    context: {
      platform: 'Moodle',
      language: 'vi',
      extensions: {
        'http://lrs.learninglocker.net/define/extensions/info': { 'https://moodle.org/': '4.5' },
      },
      contextActivities: {
        grouping: [
          {
            id: site,
            objectType: 'Activity',
            definition: { type: 'http://id.tincanapi.com/activitytype/lms' },
          },
          {
            id: `${site}/course/view.php?id=2`,
            objectType: 'Activity',
            definition: { type: 'http://id.tincanapi.com/activitytype/lms/course' },
          },
        ],
        category: [
          {
            id: 'http://moodle.org',
            objectType: 'Activity',
            definition: { type: 'http://id.tincanapi.com/activitytype/source' },
          },
        ],
      },
    },
  }
}

/** A page view by Moodle user `userId`. */
export function pageViewed(userId: string, cmid = 7, site = SITE) {
  return {
    actor: { name: `Người học ${userId}`, account: { homePage: site, name: userId } },
    verb: { id: 'http://id.tincanapi.com/verb/viewed', display: { en: 'viewed' } },
    object: {
      id: `${site}/mod/page/view.php?id=${cmid}`,
      objectType: 'Activity',
      definition: {
        type: 'http://activitystrea.ms/schema/1.0/page',
        name: { vi: 'Bài đọc: Dữ liệu số' },
      },
    },
    timestamp: '2026-11-20T08:00:00+07:00',
    context: { platform: 'Moodle', language: 'vi' },
  }
}

export { SITE as MOODLE_SITE }
