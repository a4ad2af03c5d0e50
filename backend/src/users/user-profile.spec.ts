import { describe, expect, it } from '@jest/globals';
import { cleanProfileText, cleanUsername } from './user-profile.js';

describe('profile text from the bot', () => {
  it('trims, drops control characters, and turns empty into null', () => {
    expect(cleanProfileText('  Ravi  ', 128)).toBe('Ravi');
    expect(cleanProfileText('Ra\u0000vi\u001b', 128)).toBe('Ravi');
    expect(cleanProfileText('   ', 128)).toBeNull();
    expect(cleanProfileText(null, 128)).toBeNull();
    expect(cleanProfileText(undefined, 128)).toBeUndefined();
  });

  it('cuts to the limit in whole characters', () => {
    expect(cleanProfileText('a'.repeat(200), 128)).toBe('a'.repeat(128));
    expect(cleanProfileText('👍'.repeat(5), 3)).toBe('👍👍👍');
    expect(cleanProfileText('abc def', 4)).toBe('abc');
  });

  it('drops the @ in front of a username', () => {
    expect(cleanUsername(' @ravi_k ')).toBe('ravi_k');
    expect(cleanUsername('@')).toBeNull();
    expect(cleanUsername(`@${'u'.repeat(70)}`)).toBe('u'.repeat(64));
  });
});
