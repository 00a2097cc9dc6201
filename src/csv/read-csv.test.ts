import { readCsv } from './read-csv.ts'

describe('readCsv', () => {
  it('gives each row the line it starts on, across quoted line breaks and empty rows', () => {
    const text = '\uFEFFa;b\r\n"x\r\ny";1\r\n;\r\n\r\n\'=2;"p\nq\nr"\r\nz;3\r\n'
    expect(readCsv(text)).toEqual({
      rows: [
        { cells: ['a', 'b'], line: 1 },
        { cells: ['x\ny', '1'], line: 2 },
        { cells: ['=2', 'p\nq\nr'], line: 6 },
        { cells: ['z', '3'], line: 9 },
      ],
    })
  })

  it('names the line of a file that is not CSV', () => {
    expect(readCsv('a,b\n"x,1\n')).toMatchObject({ line: 2 })
  })
})
