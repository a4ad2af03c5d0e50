import { Logger } from '@nestjs/common';
import { AbstractLogger, type LoggerOptions, type LogLevel, type LogMessage } from 'typeorm';

/**
 * TypeORM's messages (a failed query, the pool's errors, migrations) through Nest's logger, so
 * through the process's pino logger: JSON lines in production like every other line, instead of
 * TypeORM's console output on stderr. A failed query is logged with its statement but never its
 * parameters (personal data, hashes); `logging` still chooses which messages are written.
 */
export class TypeOrmLogger extends AbstractLogger {
  private readonly logger = new Logger('TypeORM');

  constructor(options: LoggerOptions) {
    super(options);
  }

  protected writeLog(level: LogLevel, logMessage: LogMessage | string | number | (LogMessage | string | number)[]): void {
    const messages = this.prepareLogMessages(logMessage, { highlightSql: false, appendParameterAsComment: false, addColonToPrefix: false });
    // pg's errors are named "error": TypeORM's own "error: error: duplicate key ..." says it twice
    const textOf = (message: LogMessage) => {
      const value: unknown = message.message;
      return value instanceof Error ? value.message : String(value);
    };
    const failedQuery = messages.find((message) => message.type === 'query-error' && message.format === 'sql');
    const text = failedQuery
      ? `Query failed: ${messages.filter((message) => message !== failedQuery).map(textOf).join('; ')} (${textOf(failedQuery)})`
      : messages.map((message) => (message.prefix ? `${message.prefix}: ${textOf(message)}` : textOf(message))).join('; ');
    const failedMigration = messages.some((message) => message.type === 'migration' && / failed/.test(String(message.message)));
    if (level === 'error' || failedMigration) this.logger.error(text);
    else if (level === 'warn') this.logger.warn(text);
    else if (level === 'query' || level === 'schema') this.logger.debug(text);
    else this.logger.log(text);
  }
}
