/** The learners' table (Circular 02/2025): the table pupils are assessed against. */
export const LEARNERS_TABLE = 'TT02.NH'
