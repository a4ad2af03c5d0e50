import { describe, expect, it } from '@jest/globals';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { entityColumns, selectColumns, toEntity } from './entity-columns.js';

@Entity('examples')
class Example {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: number;

  @Column({ name: 'user_id', type: 'bigint' })
  userId: number;

  @Column({ type: 'varchar' })
  status: string;

  @Column({ name: 'telegram_id', type: 'bigint', transformer: { to: (v: string) => v, from: (v: number) => String(v) } })
  telegramId: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;
}

describe('entity columns', () => {
  it('come from the decorators, with the names the default naming strategy gives', () => {
    expect(entityColumns(Example).map((c) => [c.property, c.column])).toEqual([
      ['id', 'id'],
      ['userId', 'user_id'],
      ['status', 'status'],
      ['telegramId', 'telegram_id'],
      ['passwordHash', 'password_hash'],
    ]);
  });

  it('make a select list of the selected columns, aliased to their properties', () => {
    expect(selectColumns(Example, 'e')).toBe('e.id, e.user_id AS "userId", e.status, e.telegram_id AS "telegramId"');
    expect(selectColumns(Example)).toBe('id, user_id AS "userId", status, telegram_id AS "telegramId"');
  });

  it('map a raw row through the same transformers as an entity read', () => {
    const example = toEntity(Example, { id: 1, userId: 2, status: 'A', telegramId: 777 });
    expect(example).toBeInstanceOf(Example);
    expect(example).toEqual(Object.assign(new Example(), { id: 1, userId: 2, status: 'A', telegramId: '777' }));
  });
});
