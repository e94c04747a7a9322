// Submitty's JsonResponse rules for the envelope (docs/dialects/jsend.md, The envelope); no database needed.
import { describe, expect, it } from 'vitest';
import { error, fail, renderJsend, success } from '../../rest-compat/jsend/envelope.ts';

describe('JSend envelope', () => {
  it('renders exactly as PHP json_encode with JSON_PRETTY_PRINT', () => {
    expect(renderJsend(fail('fail message'))).toBe('{\n    "status": "fail",\n    "message": "fail message"\n}');
    expect(renderJsend(success())).toBe('{\n    "status": "success",\n    "data": null\n}');
    expect(renderJsend(success({ list: [], url: 'https://x.org/a', name: 'Zoë' }))).toBe(
      '{\n    "status": "success",\n    "data": {\n        "list": [],\n        "url": "https:\\/\\/x.org\\/a",\n        "name": "Zo\\u00eb"\n    }\n}',
    );
  });

  it('orders keys status, data, message, code, and drops falsy data and code', () => {
    expect(JSON.parse(renderJsend(error('boom', { a: 1 }, 'E1234')))).toEqual({ status: 'error', data: { a: 1 }, message: 'boom', code: 'E1234' });
    expect(Object.keys(JSON.parse(renderJsend(error('boom', { a: 1 }, 'E1234'))))).toEqual(['status', 'data', 'message', 'code']);
    for (const falsy of [[], 0, '', '0', false, null, {}]) {
      expect(JSON.parse(renderJsend(fail('nope', falsy)))).toEqual({ status: 'fail', message: 'nope' });
      expect(JSON.parse(renderJsend(error('nope', falsy, '')))).toEqual({ status: 'error', message: 'nope' });
    }
    // message is always there for fail and error, even when null
    expect(renderJsend(fail(null))).toBe('{\n    "status": "fail",\n    "message": null\n}');
  });
});
