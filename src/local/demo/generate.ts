import { zonedParts, zoneOffsetMinutes } from '../core/timezone';
import { isOverdue, nextFollowUpDue } from '../../shared/rules/cadence';
import { ticketDues } from '../../shared/rules/deadlines';
import { GRADED_COLUMNS, gradeCustomers, type GradedValues } from '../../shared/rules/grading';
import { formatId } from '../../shared/rules/ids';
import { closedWonUpdate } from '../../shared/rules/transaction-input';
import { defaultSettings, type SettingsValues } from '../../shared/rules/settings';
import { isDateObject } from '../../shared/rules/settings-parse';
import type { FieldValue } from '../../shared/schema/cells';
import { TEMPLATES } from '../../shared/schema/templates';
import type { Zone } from '../../shared/time/zone';
import {
  CITIES,
  COMPANY_CORES,
  COMPANY_SUFFIXES,
  ENGLISH_FIRST_NAMES,
  ENGLISH_LAST_NAMES,
  FOLLOW_UP_TOPICS,
  GIVEN_NAMES,
  INDUSTRIES,
  NEEDS,
  PRODUCTS,
  SURNAMES,
  SURVEY_COMMENTS,
  TICKET_TEXTS,
  TITLES,
  type Bilingual,
} from './vocabulary';

/**
 * Deterministic demo data for the CRM's tables: the same seed and options give the same records, so
 * the playground, screenshots and benchmarks are reproducible. Pure: no runtime, no I/O.
 *
 * Records are plain objects keyed by the template's column keys (sheets-templates/*.json). Enum values
 * are option KEYS (the loader turns them into labels of the workbook language), dates and date-times are
 * epoch milliseconds, booleans are booleans.
 *
 * The demo follows the Settings it is given (the workbook's, when the loader generates it; the template
 * defaults otherwise): value tiers are drawn within the Settings' tier thresholds, each customer's next
 * follow-up (and its open action's due date) comes from the cadence rules (shared/rules/cadence.ts), ticket
 * dues from the SLA rules (deadlines.ts), and every computed column (annual value, tier, segment, sleeping,
 * overdue, churn…) from the same grading the add-on runs (grading.ts) — no threshold of its own.
 */
export type DemoValue = string | number | boolean | null;
export type DemoRecord = Record<string, DemoValue>;

export interface DemoData {
  team: DemoRecord[];
  customers: DemoRecord[];
  followUps: DemoRecord[];
  tickets: DemoRecord[];
  satisfaction: DemoRecord[];
  transactions: DemoRecord[];
}

export type DemoTable = keyof DemoData;

export interface DemoOptions {
  /** Seed of the pseudo-random sequence (default 1). */
  seed?: number;
  /** Number of customers (default 40). */
  customers?: number;
  /** Follow-ups per customer on average (default 5). */
  followUpsPerCustomer?: number;
  /** Tickets per customer on average (default 0.5). */
  ticketsPerCustomer?: number;
  /** Satisfaction surveys per customer on average (default 0.5). */
  surveysPerCustomer?: number;
  /** Transactions per customer on average (default 1.5). */
  transactionsPerCustomer?: number;
  /** "Now": records spread over the year before it (default 2024-06-03 09:00 Asia/Shanghai). */
  nowMs?: number;
  /** Zone of the record ids' dates (default Asia/Shanghai). */
  timeZone?: string;
  /** The team; the first member is the manager (default: owner@example.com and three reps). */
  team?: DemoTeamMember[];
  /** The Settings in force (default: the template defaults). */
  settings?: SettingsValues;
}

export interface DemoTeamMember {
  name: string;
  email: string;
  role: 'rep' | 'manager';
  phone: string;
}

export const DEMO_TEAM: readonly DemoTeamMember[] = [
  { name: '王经理', email: 'owner@example.com', role: 'manager', phone: '+86 138 0013 8000' },
  { name: '李娜', email: 'li.na@example.com', role: 'rep', phone: '+86 139 1234 5678' },
  { name: '张伟', email: 'zhang.wei@example.com', role: 'rep', phone: '+86 137 2468 1357' },
  { name: 'Emma Clarke', email: 'emma.clarke@example.com', role: 'rep', phone: '+86 186 0210 7788' },
];

const DAY = 86_400_000;
const HOUR = 3_600_000;
const DEFAULT_NOW = Date.parse('2024-06-03T09:00:00+08:00');

/** mulberry32: a tiny, well-distributed 32-bit PRNG; enough for demo data, never for secrets. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(private readonly random: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }
  /** A key by weight, e.g. { enterprise: 8, individual: 2 }. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let roll = this.random() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return (entries[entries.length - 1] as [K, number])[0];
  }
  /** How many of something for an average of `mean` (0..2×mean, integer, mean preserved on average). */
  count(mean: number): number {
    const whole = Math.floor(mean * 2 * this.random() + this.random());
    return Math.max(0, whole);
  }
  /** A whole number in [0, span). */
  upTo(span: number): number {
    return Math.floor(this.random() * span);
  }
  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(this.int(0, 9));
    return out;
  }
}

function prefixOf(table: 'customers' | 'followUps' | 'tickets' | 'satisfaction' | 'transactions'): string {
  return TEMPLATES[table].idPrefix ?? table.charAt(0).toUpperCase();
}

/** Ids as the add-on makes them: prefix + yyyyMMdd of creation (sheet's zone) + a daily serial. */
class IdMaker {
  private readonly serials = new Map<string, number>();
  constructor(
    private readonly prefix: string,
    private readonly timeZone: string,
  ) {}
  next(atMs: number): string {
    const p = zonedParts(atMs, this.timeZone);
    const day = `${p.year}${String(p.month).padStart(2, '0')}${String(p.day).padStart(2, '0')}`;
    const serial = (this.serials.get(day) ?? 0) + 1;
    this.serials.set(day, serial);
    return formatId(this.prefix, day, serial);
  }
}

/** Working hours (09:00–18:00 China time) of the day `ms` falls on, rounded to 5 minutes. */
function atOfficeHours(dice: Dice, ms: number): number {
  const dayStart = Math.floor((ms + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
  return dayStart + 9 * HOUR + dice.int(0, 107) * 5 * 60_000;
}

function byTime(field: string) {
  return (a: DemoRecord, b: DemoRecord) => (a[field] as number) - (b[field] as number);
}

interface CustomerDraft {
  record: DemoRecord;
  chinese: boolean;
  createdAt: number;
  owner: string;
  /** The follow-up row left open (the newest one of an active customer), if any. */
  open?: DemoRecord;
}

type DemoTier = 'strategic' | 'key' | 'standard';

/** An annual value estimate in whole thousands inside the tier's band of the Settings thresholds. */
function estimateIn(tier: DemoTier, settings: SettingsValues, dice: Dice): number {
  const keyMin = Math.max(1000, Math.min(settings.tierKeyMin, settings.tierStrategicMin));
  const strategicMin = Math.max(keyMin, settings.tierStrategicMin);
  const [low, high] =
    tier === 'strategic'
      ? [strategicMin, strategicMin * 1.6]
      : tier === 'key'
        ? [keyMin, strategicMin]
        : [keyMin / 20, keyMin];
  const lowest = Math.ceil(low / 1000);
  return dice.int(lowest, Math.max(lowest, Math.ceil(high / 1000) - 1)) * 1000;
}

/** The spreadsheet's zone as the shared rules take it. */
function zoneNamed(timeZone: string): Zone {
  return { name: timeZone, offsetAt: (ms) => zoneOffsetMinutes(ms, timeZone) };
}

const DATE_FIELDS = new Set(
  (['customers', 'followUps', 'transactions'] as const).flatMap((table) =>
    TEMPLATES[table].columns
      .filter((column) => column.type === 'date' || column.type === 'datetime')
      .map((column) => column.key),
  ),
);

/** A demo record as the table layer's values (Dates for date columns), for the shared rules. */
function asFields(record: DemoRecord): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [key, value] of Object.entries(record)) {
    out[key] = typeof value === 'number' && DATE_FIELDS.has(key) ? new Date(value) : value;
  }
  return out;
}

function demoValue(value: FieldValue): DemoValue {
  if (isDateObject(value)) return value.getTime();
  return value as DemoValue;
}

/**
 * Schedules each customer's next follow-up by the cadence, as a follow-up save would (the open action's due
 * is that date), then grades every customer as Grade all does and writes the graded columns into the drafts.
 */
function settle(
  drafts: readonly CustomerDraft[],
  followUps: readonly DemoRecord[],
  transactions: readonly DemoRecord[],
  settings: SettingsValues,
  zone: Zone,
  now: number,
): void {
  const grade = (): GradedValues[] =>
    gradeCustomers({
      customers: drafts.map((draft) => asFields(draft.record)),
      followUps: followUps.map(asFields),
      transactions: transactions.map(asFields),
      settings,
      nowMs: now,
      zone,
    }).graded;
  const outbound = new Map<string, number[]>();
  for (const row of followUps) {
    // Touches as grading counts them: logged (manual) contacts, not planned actions.
    if (row.direction !== 'outbound' || (row.reason !== 'manual' && row.reason !== null)) continue;
    const list = outbound.get(row.customerId as string) ?? [];
    list.push(row.at as number);
    outbound.set(row.customerId as string, list);
  }
  const first = grade();
  drafts.forEach((draft, index) => {
    const graded = first[index] as GradedValues;
    const record = draft.record;
    // Stored as grading left them, so the second pass sees the customer as the workbook will hold it.
    for (const key of GRADED_COLUMNS) record[key] = demoValue(graded[key]);
    const lastContact = isDateObject(graded.lastContactAt) ? graded.lastContactAt.getTime() : null;
    const closed = record.status === 'lost' || record.status === 'churned';
    const due = closed
      ? null
      : nextFollowUpDue(
          {
            lastContactAt: lastContact,
            createdAt: draft.createdAt,
            intentGrade: record.intentGrade as string,
            valueTier: graded.valueTier as string,
            segment: graded.segment as string,
            corePool: graded.corePool === true,
            doNotContact: record.doNotContact === true,
            explicitDue: null,
            outboundTouches: outbound.get(record.id as string) ?? [],
            // A core-pool customer's last contact counts as its deep revisit: the next one is a quarter on.
            lastDeepRevisitAt: lastContact,
          },
          settings,
          zone,
        ).due;
    record.nextFollowUpDue = due;
    const open = draft.open;
    if (!open) return;
    if (due === null) {
      // Nothing is scheduled (do not contact): the action was done, not left open.
      Object.assign(open, { nextAction: null, nextActionDue: null, status: 'done', doneAt: open.at, overdue: false });
    } else {
      Object.assign(open, { nextActionDue: due, overdue: isOverdue(due, now) });
    }
  });
  const graded = grade();
  drafts.forEach((draft, index) => {
    const values = graded[index] as GradedValues;
    for (const key of GRADED_COLUMNS) draft.record[key] = demoValue(values[key]);
  });
}

export function generateDemoData(options: DemoOptions = {}): DemoData {
  const dice = new Dice(seededRandom(options.seed ?? 1));
  const now = options.nowMs ?? DEFAULT_NOW;
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const settings = options.settings ?? defaultSettings();
  const zone = zoneNamed(timeZone);
  const team = options.team ?? DEMO_TEAM;
  const reps = team.filter((member) => member.role === 'rep');
  const owners = reps.length > 0 ? reps : team;
  const text = (chinese: boolean, value: Bilingual) => (chinese ? value.zh : value.en);

  const teamRecords: DemoRecord[] = team.map((member) => ({ ...member, active: true }));

  // Customers, created over the past year; ids follow creation order.
  const drafts: CustomerDraft[] = [];
  for (let i = 0; i < (options.customers ?? 40); i++) {
    const chinese = dice.chance(0.75);
    const enterprise = dice.chance(0.8);
    const industryIndex = dice.int(0, INDUSTRIES.length - 1);
    const city = dice.pick(CITIES);
    const core = dice.pick(COMPANY_CORES);
    const suffix = COMPANY_SUFFIXES[industryIndex] as Bilingual;
    const surname = dice.pick(SURNAMES);
    const given = dice.pick(GIVEN_NAMES);
    const contactName = chinese
      ? surname.zh + given.zh
      : dice.chance(0.5)
        ? `${given.en} ${surname.en}`
        : `${dice.pick(ENGLISH_FIRST_NAMES)} ${dice.pick(ENGLISH_LAST_NAMES)}`;
    const name = enterprise
      ? chinese
        ? `${city.zh}${core.zh}${suffix.zh}`
        : `${city.en} ${core.en} ${suffix.en}`
      : contactName;
    const need = dice.pick(NEEDS);
    const createdAt = atOfficeHours(dice, now - dice.int(1, 365) * DAY);
    const owner = dice.pick(owners).email;
    const phone = dice.chance(0.7)
      ? `+86 1${dice.pick(['38', '39', '37', '86', '58'])} ${dice.digits(4)} ${dice.digits(4)}`
      : `${city.areaCode}-${dice.digits(city.areaCode.length === 3 ? 8 : 7)}`;
    const emailUser = chinese
      ? `${surname.en.toLowerCase()}.${given.en.toLowerCase()}`
      : contactName.toLowerCase().replace(/\s+/g, '.');
    const emailDomain = enterprise ? `${core.en.toLowerCase().replace(/\s+/g, '')}.example.cn` : 'mail.example.com';
    const estimate = estimateIn(dice.weighted({ strategic: 1, key: 2, standard: 5 }), settings, dice);
    const stage = dice.weighted({ initialContact: 3, needsAnalysis: 3, proposalConfirmed: 2, dealClosed: 2 });
    const status =
      stage === 'dealClosed' ? dice.weighted({ won: 8, churned: 1, active: 1 }) : dice.weighted({ active: 9, lost: 1 });
    drafts.push({
      chinese,
      createdAt,
      owner,
      record: {
        name,
        customerType: enterprise ? 'enterprise' : 'individual',
        industry: enterprise ? text(chinese, INDUSTRIES[industryIndex] as Bilingual) : null,
        size: enterprise ? dice.weighted({ small: 5, medium: 3, large: 1 }) : null,
        contactName,
        contactTitle: enterprise ? text(chinese, dice.pick(TITLES)) : null,
        phone,
        email: dice.chance(0.85) ? `${emailUser}@${emailDomain}` : null,
        address: chinese
          ? `${city.zh}市${city.district}${dice.int(1, 999)}号`
          : `${dice.int(1, 999)} ${city.en} Road, ${city.en}`,
        source: dice.weighted({ websiteForm: 3, tradeShow: 2, referral: 3, coldCall: 2, other: 1 }),
        needs: text(chinese, need),
        needKeywords: text(chinese, need.keywords),
        tags: null,
        owner,
        stage,
        status,
        intentGrade: dice.weighted({ high: 2, medium: 3, low: 2 }),
        budgetRange: chinese
          ? `${dice.int(1, 9)}万–${dice.int(10, 30)}万元`
          : `¥${dice.int(1, 9)}0k–${dice.int(10, 30)}0k`,
        annualValueEstimate: estimate,
        doNotContact: dice.chance(0.03),
        preferredChannel: chinese
          ? dice.weighted({ wechat: 5, phone: 3, visit: 1, email: 1 })
          : dice.weighted({ email: 5, phone: 2, video: 2, wechat: 1 }),
        createdAt,
        updatedAt: createdAt,
      },
    });
  }
  drafts.sort((a, b) => a.createdAt - b.createdAt);
  const customerIds = new IdMaker(prefixOf('customers'), timeZone);
  for (const draft of drafts) draft.record.id = customerIds.next(draft.createdAt);

  // Follow-ups between each customer's creation and now; the newest one is open, with a due date.
  const followUps: DemoRecord[] = [];
  const perCustomer = options.followUpsPerCustomer ?? 5;
  for (const draft of drafts) {
    const count = Math.max(1, dice.count(perCustomer));
    const span = Math.max(DAY, now - draft.createdAt);
    const times = Array.from({ length: count }, () => atOfficeHours(dice, draft.createdAt + dice.upTo(span)));
    times.sort((a, b) => a - b);
    // Most active customers were contacted lately: their open follow-up is mostly not yet due.
    if (draft.record.status === 'active' && dice.chance(0.75)) {
      times[times.length - 1] = Math.max(
        times[times.length - 2] ?? 0,
        atOfficeHours(dice, now - dice.int(1, 10) * DAY),
      );
    }
    times.forEach((at, index) => {
      const latest = index === times.length - 1;
      const item = dice.pick(FOLLOW_UP_TOPICS);
      // The open action's due date comes from the cadence once the customer is graded (settle).
      const open = latest && draft.record.status === 'active';
      const row: DemoRecord = {
        customerId: draft.record.id as string,
        customerName: draft.record.name as string,
        at: Math.min(at, now - HOUR),
        direction: dice.weighted({ outbound: 4, inbound: 1 }),
        channel: draft.record.preferredChannel as string,
        topic: text(draft.chinese, item.topic),
        content: text(draft.chinese, item.content),
        responded: dice.weighted({ yes: 6, no: 1, pending: 1 }),
        feedback: text(draft.chinese, item.feedback),
        mood: dice.weighted({ satisfied: 5, neutral: 4, unhappy: 1, angry: 0.3 }),
        milestone: index === 0 ? 'needsInterview' : 'none',
        reason: index === 0 ? 'firstInterview' : dice.weighted({ manual: 3, cadence: 3, care: 1 }),
        nextAction: open
          ? text(draft.chinese, { zh: '电话确认方案意见', en: 'Call to hear back on the proposal' })
          : null,
        nextActionDue: null,
        owner: draft.owner,
        status: open ? 'open' : 'done',
        doneAt: open ? null : Math.min(at, now - HOUR),
        overdue: false,
        createdAt: Math.min(at, now - HOUR),
        updatedAt: Math.min(at, now - HOUR),
      };
      followUps.push(row);
      if (open) draft.open = row;
      if (latest) draft.record.lastContactAt = Math.min(at, now - HOUR);
    });
  }
  followUps.sort(byTime('createdAt'));
  const followUpIds = new IdMaker(prefixOf('followUps'), timeZone);
  for (const record of followUps) record.id = followUpIds.next(record.createdAt as number);

  // Transactions for customers past the proposal stage.
  const transactions: DemoRecord[] = [];
  const buyers = drafts.filter((d) => d.record.stage === 'dealClosed' || d.record.stage === 'proposalConfirmed');
  const txMean = ((options.transactionsPerCustomer ?? 1.5) * drafts.length) / Math.max(1, buyers.length);
  for (const draft of buyers) {
    // Purchases add up to about the customer's estimate, so the graded tier is the one drawn for it.
    const count = dice.count(txMean);
    for (let k = 0; k < count; k++) {
      const product = dice.pick(PRODUCTS);
      const share = ((draft.record.annualValueEstimate as number) / count) * (0.7 + (0.6 * dice.int(0, 100)) / 100);
      const quantity = Math.max(1, Math.round(share / product.unitPrice));
      const date = atOfficeHours(dice, draft.createdAt + dice.upTo(Math.max(DAY, now - draft.createdAt)));
      transactions.push({
        customerId: draft.record.id as string,
        customerName: draft.record.name as string,
        date: Math.min(date, now - HOUR),
        product: text(draft.chinese, product.name),
        category: text(draft.chinese, product.category),
        quantity,
        amount: quantity * product.unitPrice,
        refund: dice.chance(0.05),
        owner: draft.owner,
        createdAt: Math.min(date, now - HOUR),
        updatedAt: Math.min(date, now - HOUR),
      });
    }
  }
  // A first purchase closes the deal won, as Record transaction and the import do.
  const purchased = new Set(transactions.filter((row) => row.refund !== true).map((row) => row.customerId));
  for (const draft of buyers) {
    const won = closedWonUpdate(draft.record.status, purchased.has(draft.record.id as string));
    if (won) Object.assign(draft.record, won);
  }
  transactions.sort(byTime('createdAt'));
  const transactionIds = new IdMaker(prefixOf('transactions'), timeZone);
  for (const record of transactions) record.id = transactionIds.next(record.createdAt as number);

  // Tickets, then surveys (some answer a ticket).
  const tickets: DemoRecord[] = [];
  const ticketTotal = Math.round((options.ticketsPerCustomer ?? 0.5) * drafts.length);
  for (let k = 0; k < ticketTotal; k++) {
    const draft = dice.pick(drafts);
    const texts = dice.pick(TICKET_TEXTS);
    const ticketType = dice.weighted({
      consultation: 3,
      technicalSupport: 4,
      complaint: 1,
      suggestion: 1,
      afterSales: 2,
    });
    const priority = ticketType === 'complaint' ? 'high' : dice.weighted({ high: 1, medium: 3, low: 2 });
    const reportedAt = atOfficeHours(dice, draft.createdAt + dice.upTo(Math.max(DAY, now - draft.createdAt)));
    const { firstResponseDue, resolutionDue } = ticketDues(priority, reportedAt, settings, zone);
    const age = now - reportedAt;
    const status =
      age < 2 * DAY ? dice.weighted({ pending: 1, inProgress: 2 }) : dice.weighted({ resolved: 1, closed: 4 });
    const done = status === 'resolved' || status === 'closed';
    const resolvedAt = done ? reportedAt + dice.int(2, 96) * HOUR : null;
    const score = status === 'closed' ? dice.weighted({ '5': 4, '4': 3, '3': 1, '2': 0.5, '1': 0.2 }) : null;
    tickets.push({
      customerId: draft.record.id as string,
      customerName: draft.record.name as string,
      ticketType,
      category: dice.weighted({ product: 3, service: 2, other: 1 }),
      description: text(draft.chinese, texts.description),
      priority,
      reportedAt,
      assignee: draft.owner,
      status,
      firstResponseDue,
      firstResponseAt: status === 'pending' ? null : reportedAt + dice.int(10, 300) * 60_000,
      resolutionDue,
      slaBreached: resolvedAt !== null ? resolvedAt > resolutionDue : now > resolutionDue,
      resolution: done ? text(draft.chinese, texts.resolution) : null,
      resolvedAt,
      confirmation: status === 'closed' ? (Number(score) >= 3 ? 'satisfied' : 'needsImprovement') : null,
      score: score === null ? null : Number(score),
      createdAt: reportedAt,
      updatedAt: resolvedAt ?? reportedAt,
    });
  }
  tickets.sort(byTime('createdAt'));
  const ticketIds = new IdMaker(prefixOf('tickets'), timeZone);
  for (const record of tickets) record.id = ticketIds.next(record.createdAt as number);

  const satisfaction: DemoRecord[] = [];
  const surveyTotal = Math.round((options.surveysPerCustomer ?? 0.5) * drafts.length);
  const closedTickets = tickets.filter((ticket) => ticket.status === 'closed');
  for (let k = 0; k < surveyTotal; k++) {
    const ticket = k < closedTickets.length && dice.chance(0.5) ? closedTickets[k] : undefined;
    const draft = ticket ? (drafts.find((d) => d.record.id === ticket.customerId) as CustomerDraft) : dice.pick(drafts);
    const base = dice.weighted({ '5': 3, '4': 4, '3': 2, '2': 1 });
    const mark = () => Math.min(5, Math.max(1, Number(base) + dice.int(-1, 1)));
    const parts = [mark(), mark(), mark(), mark()];
    const overall = Math.round(parts.reduce((s, p) => s + p, 0) / parts.length);
    const date = ticket
      ? (ticket.resolvedAt as number) + DAY
      : atOfficeHours(dice, draft.createdAt + dice.upTo(Math.max(DAY, now - draft.createdAt)));
    const at = Math.min(date, now - HOUR);
    satisfaction.push({
      customerId: draft.record.id as string,
      customerName: draft.record.name as string,
      ticketId: ticket ? (ticket.id as string) : null,
      date: at,
      productQuality: parts[0] as number,
      responseSpeed: parts[1] as number,
      communication: parts[2] as number,
      problemSolving: parts[3] as number,
      overall,
      score: Math.round((parts.reduce((s, p) => s + p, 0) / parts.length) * 200) / 10,
      nps: Math.min(10, Math.max(0, overall * 2 + dice.int(-1, 0))),
      comments: text(draft.chinese, dice.pick(SURVEY_COMMENTS)),
      createdAt: at,
      updatedAt: at,
    });
    draft.record.satisfactionScore = satisfaction[satisfaction.length - 1]?.score ?? null;
  }
  satisfaction.sort(byTime('createdAt'));
  const surveyIds = new IdMaker(prefixOf('satisfaction'), timeZone);
  for (const record of satisfaction) record.id = surveyIds.next(record.createdAt as number);

  settle(drafts, followUps, transactions, settings, zone, now);

  return {
    team: teamRecords,
    customers: drafts.map((draft) => draft.record),
    followUps,
    tickets,
    satisfaction,
    transactions,
  };
}
