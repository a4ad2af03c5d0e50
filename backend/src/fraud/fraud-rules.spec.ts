import { describe, expect, it } from '@jest/globals';
import { LOW_CONVERSION_SCAN_SQL, REGISTRATION_CHECK_SQL, UPI_CHECK_SQL, USER_CHECK_SQL } from './fraud-rules.js';

/** The rules' behaviour is tested against PostgreSQL (test/fraud.int-spec.ts); these pin how the statements are put together. */
describe('fraud check statements', () => {
  const parameters = (text: string) => [...new Set(text.match(/\$\d+/g) ?? [])].sort();

  it('take only the parameters their callers pass', () => {
    expect(parameters(REGISTRATION_CHECK_SQL)).toEqual(['$1']);
    expect(parameters(UPI_CHECK_SQL)).toEqual(['$1', '$2']);
    expect(parameters(USER_CHECK_SQL)).toEqual(['$1']);
    expect(parameters(LOW_CONVERSION_SCAN_SQL)).toEqual([]);
  });

  it('honour fraud_checks_enabled when automatic, not on an admin demand; always skip exempt users', () => {
    for (const automatic of [REGISTRATION_CHECK_SQL, UPI_CHECK_SQL]) expect(automatic).toMatch(/NOT u\.fraud_exempt AND cfg\.enabled/);
    expect(LOW_CONVERSION_SCAN_SQL).toMatch(/WHERE cfg\.enabled/);
    expect(USER_CHECK_SQL).not.toMatch(/cfg\.enabled/);
    for (const statement of [REGISTRATION_CHECK_SQL, UPI_CHECK_SQL, USER_CHECK_SQL, LOW_CONVERSION_SCAN_SQL]) {
      expect(statement).toMatch(/WHERE NOT u\.fraud_exempt/);
      expect(statement).toMatch(/ON CONFLICT \(user_id, type, evidence_key\) WHERE status = 'OPEN' DO NOTHING/);
    }
  });

  it('run at each event only the rules that event concerns', () => {
    const rules = (text: string) => ['device_group', 'ip_group', 'upi_group', 'rapid_signups', 'low_conversion'].filter((name) => text.includes(`${name} AS (`));
    expect(rules(REGISTRATION_CHECK_SQL)).toEqual(['device_group', 'ip_group', 'rapid_signups']);
    expect(rules(UPI_CHECK_SQL)).toEqual(['upi_group']);
    expect(rules(USER_CHECK_SQL)).toEqual(['device_group', 'ip_group', 'upi_group', 'rapid_signups', 'low_conversion']);
    expect(rules(LOW_CONVERSION_SCAN_SQL)).toEqual(['low_conversion']);
  });
});
