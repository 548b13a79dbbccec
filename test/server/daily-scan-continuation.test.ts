import { actionContext } from '../../src/server/actions/context';
import { runScan, scanSteps, SCAN_TIME_BUDGET_MS, type ScanStep } from '../../src/server/jobs/daily-scan';
import { loadDocumentProperties } from '../../src/server/workbook/layout';
import { appendRecords, readTable } from '../../src/server/workbook/table';
import { TEMPLATES } from '../../src/shared/schema/templates';
import { startAddon } from '../support/addon';
import { useRuntimeGlobals } from '../support/gas';

/**
 * A scan that can't finish in one execution (docs/product-rules.md §5): it saves a cursor, switches its one trigger to
 * hourly, resumes where it stopped on the next run, and goes back to daily when done.
 */
describe('a scan that runs out of time', () => {
  it('saves its place, goes hourly, resumes from there and returns to daily', () => {
    const { host, runtime } = startAddon({ user: { email: 'boss@example.com', locale: 'zh_CN' } });
    host.run('runInstall', [{ language: 'zh-CN' }]);
    host.open();
    runtime.ui.queueAlertResponse('YES');
    host.clickMenu('toggleDailyScan');
    useRuntimeGlobals(runtime);
    const ran: string[] = [];
    const probe: ScanStep = { name: 'probe', run: () => void ran.push('probe') };
    const [flags, ...rest] = scanSteps();
    const steps = [flags as ScanStep, probe, ...rest];

    // Every look at the clock costs five minutes: the budget is spent after the first step.
    let fakeNow = 0;
    const slowClock = () => (fakeNow += 5 * 60 * 1000);
    const first = runScan(actionContext(), slowClock, steps);
    expect(first).toMatchObject({ ok: true, continued: true });
    expect(SCAN_TIME_BUDGET_MS).toBeLessThan(6 * 60 * 1000);
    expect(ran).toEqual([]);
    expect(runtime.triggers.list()).toEqual([
      expect.objectContaining({ schedule: expect.objectContaining({ kind: 'hours', every: 1 }) }),
    ]);
    // In-process the server code sees Node's clock (the virtual Date lives in the script realm): check the step.
    expect(JSON.parse(loadDocumentProperties().values['crm.scan.cursor'] ?? '{}')).toMatchObject({ step: 1 });

    const second = runScan(actionContext(), undefined, steps);
    expect(second).toMatchObject({ ok: true, continued: false });
    expect(ran).toEqual(['probe']);
    expect(runtime.triggers.list()).toEqual([
      expect.objectContaining({ schedule: expect.objectContaining({ kind: 'days', hour: 8 }) }),
    ]);
    expect(loadDocumentProperties().values['crm.scan.cursor']).toBe('');
  });
});

describe('digests that run out of time', () => {
  it('stop between members, and the next run mails only those not mailed yet', () => {
    const { host, runtime } = startAddon({ user: { email: 'boss@example.com', locale: 'zh_CN' } });
    host.run('runInstall', [{ language: 'zh-CN' }]);
    useRuntimeGlobals(runtime);
    const team = readTable(TEMPLATES.team, loadDocumentProperties());
    appendRecords(team, [{ name: '小王', email: 'rep@example.com', role: 'rep', active: true }], 'zh-CN');
    const customers = readTable(TEMPLATES.customers, loadDocumentProperties());
    const old = new Date(Date.now() - 60 * 24 * 3600 * 1000);
    appendRecords(
      customers,
      ['boss@example.com', 'rep@example.com'].map((owner, i) => ({
        id: `C2024010100${i + 1}`,
        name: `客户${i}`,
        customerType: 'individual',
        contactName: '某',
        source: 'other',
        needs: '—',
        owner,
        status: 'active',
        createdAt: old,
      })),
      'zh-CN',
    );
    // The clock jumps past the budget as soon as the first digest is out.
    const clock = () => (runtime.outbox.list().length > 0 ? 10 * 60 * 1000 : 0);
    const first = runScan(actionContext(), clock);
    expect(first).toMatchObject({ ok: true, continued: true });
    expect(runtime.outbox.list()).toHaveLength(1);
    const second = runScan(actionContext());
    expect(second).toMatchObject({ ok: true, continued: false });
    expect(
      runtime.outbox
        .list()
        .map((mail) => mail.to[0])
        .sort(),
    ).toEqual(['boss@example.com', 'rep@example.com']);
  });
});
