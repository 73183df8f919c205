import { describe, expect, it } from 'vitest';
import { listQueryString, pageNumbers, pageOf, readDecisionListQuery } from './decisionList.js';

describe('the decisions list query', () => {
  it('reads every filter', () => {
    const { query, problems } = readDecisionListQuery(
      {
        q: ' care homes ',
        board: '4',
        from: '2017-04-01',
        to: '2018-03-31',
        key: 'yes',
        status: ['awaiting', 'called-in'],
        page: '2',
      },
      [3, 4],
    );
    expect(problems).toEqual({});
    expect(query).toEqual({
      text: 'care homes',
      boardId: 4,
      from: '2017-04-01',
      to: '2018-03-31',
      keyOnly: true,
      statuses: ['awaiting', 'called-in'],
      page: 2,
    });
    expect(listQueryString(query, 3)).toBe(
      '?q=care+homes&board=4&from=2017-04-01&to=2018-03-31&key=yes&status=awaiting&status=called-in&page=3',
    );
  });

  it('names each filter it cannot read and leaves it out', () => {
    const { query, problems } = readDecisionListQuery(
      { board: '99', from: '2017-02-30', to: 'soon', status: 'lost', page: '-1' },
      [3],
    );
    expect(Object.keys(problems)).toEqual(['board', 'from', 'to', 'status']);
    expect(query).toMatchObject({
      boardId: undefined,
      from: undefined,
      to: undefined,
      statuses: [],
      page: 1,
    });
  });

  it('refuses a "to" date before the "from" date', () => {
    const { problems } = readDecisionListQuery({ from: '2018-01-01', to: '2017-01-01' }, []);
    expect(problems.to).toMatch(/same as or after/);
  });
});

describe('paging', () => {
  it('clamps to the last page and counts the rows shown', () => {
    const page = pageOf(
      Array.from({ length: 45 }, (_, i) => i),
      9,
    );
    expect(page).toMatchObject({ current: 3, pages: 3, total: 45, first: 41, last: 45 });
    expect(page.rows).toEqual([40, 41, 42, 43, 44]);
  });

  it('offers the first, last and neighbouring pages with gaps', () => {
    expect(pageNumbers(1, 1)).toEqual([1]);
    expect(pageNumbers(5, 10)).toEqual([1, null, 4, 5, 6, null, 10]);
    expect(pageNumbers(2, 3)).toEqual([1, 2, 3]);
  });
});
