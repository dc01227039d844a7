/**
 * A fix's value as it must be set through Range.values to land in the cell as written. Excel takes a
 * value set so as an entry typed into the cell: the reference says a string starting with “=”, “+” or
 * “-” is taken as a formula, so the fix “=100%” would become a formula, and “001” would become the
 * number 1. A string Excel could read as anything but itself is set behind an apostrophe, which keeps
 * it text (Excel stores no apostrophe in the value). Numbers, and text Excel keeps as it is, are set
 * unchanged: the apostrophe is visible in the formula bar, so it is written only where it is needed.
 */
export function asEntry(value: number | string): number | string {
  return typeof value === 'string' && NOT_KEPT_AS_TEXT.test(value) ? `'${value}` : value;
}

/** What Excel may read as a formula, number, date, time, percentage, boolean or error: a sign, digit, currency, bracket or quote first, or a boolean's name. */
const NOT_KEPT_AS_TEXT = /^\s*(?:[=+\-@'#.(（$¥￥€£\d０-９＋－＝]|(?:true|false)\s*$)/i;
