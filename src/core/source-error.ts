/** Why a workbook could not be used: the adapters classify, the CLI and the pane show the message. */
import type { Lang, MessageId, Params } from './messages.js';
import { bilingual, message } from './messages.js';

export type SourceErrorCode =
  | 'not-found'
  | 'is-directory'
  | 'unreadable'
  | 'empty-file'
  | 'not-xlsx'
  | 'legacy-xls'
  | 'encrypted'
  | 'corrupt'
  | 'too-large'
  | 'empty-workbook'
  | 'no-tables';

export class SourceError extends Error {
  constructor(
    readonly code: SourceErrorCode,
    readonly params: Params,
  ) {
    super(message(`source/${code}` as MessageId, 'en', params));
    this.name = 'SourceError';
  }

  localized(lang: Lang): string {
    return message(`source/${this.code}` as MessageId, lang, this.params);
  }

  bilingual(lang: Lang): string {
    return bilingual(`source/${this.code}` as MessageId, lang, this.params);
  }
}
