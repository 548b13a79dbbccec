import { gasEnum, GasEnumValue } from '../core/gas-object';

/**
 * ScriptApp's enums (reference/script/script-app, "Properties"). They are shared by every runtime so an
 * event's authMode compares equal (===) to ScriptApp.AuthMode.FULL whichever runtime made it.
 */
export const AuthMode = gasEnum('AuthMode', ['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const);
export const AuthorizationStatus = gasEnum('AuthorizationStatus', ['REQUIRED', 'NOT_REQUIRED'] as const);
export const EventType = gasEnum('EventType', [
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
] as const);
export const TriggerSource = gasEnum('TriggerSource', [
  'SPREADSHEETS',
  'CLOCK',
  'FORMS',
  'DOCUMENTS',
  'CALENDAR',
] as const);
export const InstallationSource = gasEnum('InstallationSource', [
  'APPS_MARKETPLACE_DOMAIN_ADD_ON',
  'NONE',
  'WEB_STORE_ADD_ON',
] as const);
/** ScriptApp.WeekDay is Base's `Weekday` enum (Sunday first, as java.util.Calendar). */
export const WeekDay = gasEnum('Weekday', [
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
] as const);

const ISO_WEEKDAY: Record<string, number> = {
  MONDAY: 1,
  TUESDAY: 2,
  WEDNESDAY: 3,
  THURSDAY: 4,
  FRIDAY: 5,
  SATURDAY: 6,
  SUNDAY: 7,
};

/** 1 = Monday … 7 = Sunday for a ScriptApp.WeekDay value, or undefined for anything else. */
export function isoWeekdayOf(value: unknown): number | undefined {
  if (!(value instanceof GasEnumValue) || value.enumName !== 'Weekday') return undefined;
  return ISO_WEEKDAY[value.key];
}

export function isAuthMode(value: unknown): value is GasEnumValue {
  return value instanceof GasEnumValue && value.enumName === 'AuthMode';
}
