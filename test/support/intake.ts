import type { AddonHost, RunResult } from '../../src/local/harness/addon-host';
import type { ActionResult } from '../../src/shared/rpc/result';

/** A valid intake submission; override fields per test. */
export function customerFields(
  overrides: Record<string, string | boolean | null> = {},
): Record<string, string | boolean | null> {
  return {
    customerType: 'enterprise',
    name: '深圳市星河科技有限公司',
    industry: '制造业',
    size: 'medium',
    contactName: '李雷',
    contactTitle: '采购经理',
    phone: '138 0013 8000',
    email: 'Li.Lei@Example.com',
    address: '深圳市南山区科技园',
    source: 'tradeShow',
    needs: '采购办公设备，预算5万',
    intentGrade: 'high',
    owner: 'boss@example.com',
    ...overrides,
  };
}

let counter = 0;
export function requestId(): string {
  counter += 1;
  return `req-${String(counter).padStart(6, '0')}-test`;
}

export function saveCustomer(
  host: AddonHost,
  fields: Record<string, unknown>,
  options: { requestId?: string; allowDuplicate?: boolean; user?: { email: string; locale: string } } = {},
): RunResult<
  ActionResult<{ id: string; row: number; sheetName: string; firstFollowUpDue: string; alreadySaved: boolean }>
> {
  return host.run(
    'saveCustomer',
    [{ requestId: options.requestId ?? requestId(), fields, allowDuplicate: options.allowDuplicate ?? false }],
    options.user ? { user: options.user } : {},
  );
}
