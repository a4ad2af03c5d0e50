import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/**
 * Reads one line from standard input without echoing it: on a terminal the prompt goes to
 * stderr and the typed characters are not written back; from a pipe the first line is read.
 */
export function readSecret(prompt: string, input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin): Promise<string> {
  const interactive = Boolean(input.isTTY);
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const reader = createInterface({ input, output, terminal: interactive });
  return new Promise((resolve, reject) => {
    let answered = false;
    if (interactive) process.stderr.write(prompt);
    muted = true;
    reader.once('line', (line) => {
      answered = true;
      if (interactive) process.stderr.write('\n');
      reader.close();
      resolve(line.replace(/\r$/, ''));
    });
    reader.once('close', () => {
      if (!answered) reject(new Error('No password on standard input'));
    });
  });
}
