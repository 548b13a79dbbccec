import { defaultSettings, settingsWith } from '../../src/shared/rules/settings';
import {
  isLowSatisfaction,
  joinsCorePool,
  netPromoterScore,
  surveyScore,
  validateSurveyInput,
  type SurveyRatings,
} from '../../src/shared/rules/survey';

/** Issue 8: the survey score, what a low or high score sets off, NPS, and the form's checks. */
const settings = defaultSettings();
const r = (a: number, b: number, c: number, d: number, e: number): SurveyRatings => ({
  productQuality: a,
  responseSpeed: b,
  communication: c,
  problemSolving: d,
  overall: e,
});

describe('survey score = mean × 20, one decimal', () => {
  it.each([
    [r(1, 2, 3, 4, 5), 60],
    [r(5, 5, 5, 5, 5), 100],
    [r(1, 1, 1, 1, 1), 20],
    [r(5, 5, 4, 5, 5), 96],
    [r(4, 4, 4, 4, 3), 76],
    [r(4.5, 4, 4, 4, 4), 82],
  ])('%p → %p', (ratings, score) => {
    expect(surveyScore(ratings)).toBe(score);
  });
});

describe('low satisfaction and core pool', () => {
  it('any dimension ≤ 2 is low, even with a good score', () => {
    expect(isLowSatisfaction(r(5, 5, 5, 5, 2), surveyScore(r(5, 5, 5, 5, 2)), settings)).toBe(true);
    expect(isLowSatisfaction(r(3, 3, 3, 3, 3), 60, settings)).toBe(false);
  });

  it('a score below lowScoreBelow is low (Settings raised to 70: 3,3,4,4,3 = 68)', () => {
    expect(isLowSatisfaction(r(3, 3, 4, 4, 3), 68, settingsWith({ lowScoreBelow: 70 }))).toBe(true);
    expect(isLowSatisfaction(r(3, 3, 4, 4, 3), 68, settings)).toBe(false);
  });

  it('joins the core pool at 90 and above', () => {
    expect(joinsCorePool(90, settings)).toBe(true);
    expect(joinsCorePool(88, settings)).toBe(false);
  });
});

describe('NPS = % promoters (9–10) − % detractors (0–6)', () => {
  it('10 answers: 5 promoters, 2 passives, 3 detractors → 50 % − 30 % = 20', () => {
    expect(netPromoterScore([10, 9, 9, 10, 9, 8, 7, 6, 0, 3])).toEqual({
      responses: 10,
      promoters: 5,
      passives: 2,
      detractors: 3,
      nps: 20,
    });
  });

  it('ignores surveys without an answer and rounds to one decimal: 2 of 3 promoters → 66.7', () => {
    expect(netPromoterScore([9, null, 10, 7, '', 11, 4.5]).nps).toBe(66.7);
  });

  it('is null with no answers and −100 when everyone is a detractor', () => {
    expect(netPromoterScore([]).nps).toBeNull();
    expect(netPromoterScore([0, 6, 5]).nps).toBe(-100);
  });
});

describe('the survey form', () => {
  it('reads ratings and NPS given as text (full-width digits too), and reports each bad one', () => {
    const ok = validateSurveyInput({
      customerId: 'C20240603001',
      ticketId: 'F20240603001',
      fields: {
        date: '2024-06-03',
        productQuality: '４',
        responseSpeed: '5',
        communication: 3,
        problemSolving: '4',
        overall: '5',
        nps: '10',
      },
    });
    expect(ok.errors).toEqual({});
    expect(ok.values).toMatchObject({
      ratings: r(4, 5, 3, 4, 5),
      nps: 10,
      date: '2024-06-03',
      ticketId: 'F20240603001',
    });
    const bad = validateSurveyInput({
      customerId: 'C1',
      ticketId: 'T1',
      fields: { date: 'x', productQuality: '0', responseSpeed: '2.5', communication: '6', overall: '', nps: '-1' },
    });
    expect(bad.errors).toEqual({
      customerId: 'validation.customer',
      ticketId: 'validation.option',
      date: 'validation.date',
      productQuality: 'survey.ratingRange',
      responseSpeed: 'survey.ratingRange',
      communication: 'survey.ratingRange',
      problemSolving: 'validation.required',
      overall: 'validation.required',
      nps: 'survey.npsRange',
    });
  });
});
