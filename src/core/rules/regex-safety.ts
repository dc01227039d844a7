/**
 * Regular expressions in rule files are untrusted: a pattern such as (a+)+ or (\s*\d+)* takes time
 * exponential in the text it fails on, and one narrative paragraph would freeze a check or the pane.
 * The linter refuses a repeated group that itself repeats something without bound (star height above
 * one), the form behind nearly every catastrophic pattern. Text is the 说明 of a budget: the rules'
 * patterns need nothing of the kind.
 */

/** Why the pattern may backtrack catastrophically, or undefined when it has no nested unbounded repetition. */
export function backtrackingRisk(pattern: string): string | undefined {
  // Each open group: does it contain an unboundedly repeated element?
  const groups: boolean[] = [];
  let lastAtom: 'group-repeating' | 'other' | undefined;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      lastAtom = 'other';
      continue;
    }
    if (c === '[') {
      // A character class is one atom; skip to its closing bracket (escapes included).
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      lastAtom = 'other';
      continue;
    }
    if (c === '(') {
      groups.push(false);
      lastAtom = undefined;
      continue;
    }
    if (c === ')') {
      const repeating = groups.pop() ?? false;
      lastAtom = repeating ? 'group-repeating' : 'other';
      // A repeating inner element makes the enclosing group repeating too, repeated or not.
      if (repeating && groups.length) groups[groups.length - 1] = true;
      continue;
    }
    const unbounded = c === '*' || c === '+' || (c === '{' && /^\{\d+,\}/.test(pattern.slice(i)));
    if (unbounded || c === '?' || c === '{') {
      if (unbounded && lastAtom === 'group-repeating') {
        return `第 ${i + 1} 个字符处：重复的分组里又有不限次数的重复（如 (a+)+），可能导致回溯爆炸 / at character ${i + 1}: a repeated group that itself repeats without bound (like (a+)+) can backtrack catastrophically`;
      }
      if (unbounded && groups.length) groups[groups.length - 1] = true;
      if (c === '{') i = pattern.indexOf('}', i) < 0 ? i : pattern.indexOf('}', i);
      // A lazy or possessive marker after a quantifier is part of it.
      if (pattern[i + 1] === '?') i++;
      lastAtom = 'other';
      continue;
    }
    lastAtom = 'other';
  }
  return undefined;
}
