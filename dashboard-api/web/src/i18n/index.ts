import { en } from './en';
import { zhCN } from './zh-CN';

// zh-CN by default; the choice is remembered in localStorage. Switching re-renders the current view.

export type Key = keyof typeof zhCN;
export type Language = 'zh-CN' | 'en';

const dictionaries: Record<Language, Record<Key, string>> = { 'zh-CN': zhCN, en };
const storageKey = 'pc.lang';

let language: Language = readStored();
const listeners = new Set<() => void>();

function readStored(): Language {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN'; // storage disabled (private mode): just use the default
  }
}

export function currentLanguage(): Language {
  return language;
}

/** BCP 47 tag for Intl formatting. */
export function currentLocale(): string {
  return language === 'en' ? 'en-GB' : 'zh-CN';
}

export function setLanguage(next: Language): void {
  language = next;
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // Not remembered, but still switched for this page.
  }
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): void {
  listeners.add(listener);
}

/** The string for `key` with `{name}` placeholders filled in. */
export function t(key: Key, params: Record<string, string | number> = {}): string {
  const text = dictionaries[language][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The translation of a wire name (`status.in_progress`, `kind.light`), or the wire name itself if unknown. */
export function term(prefix: 'status' | 'category' | 'kind' | 'severity' | 'alarmState', value: string): string {
  const key = `${prefix}.${value}` as Key;
  return key in zhCN ? t(key) : value;
}
