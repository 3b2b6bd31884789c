import { describe, expect, it } from 'vitest';
import { demoLongTxMs } from './demo-options';

describe('demo workload options', () => {
  it('keeps long transactions open 20 s unless ORA2KAFKA_DEMO_LONG_TX_SECONDS says otherwise', () => {
    expect(demoLongTxMs({})).toBe(20_000);
    expect(demoLongTxMs({ ORA2KAFKA_DEMO_LONG_TX_SECONDS: ' ' })).toBe(20_000);
    expect(demoLongTxMs({ ORA2KAFKA_DEMO_LONG_TX_SECONDS: '3' })).toBe(3000);
    expect(demoLongTxMs({ ORA2KAFKA_DEMO_LONG_TX_SECONDS: '1.5' })).toBe(1500);
  });

  it('names the variable, the range and the bad value', () => {
    for (const bad of ['0', 'soon', '-4', '7200']) {
      expect(() => demoLongTxMs({ ORA2KAFKA_DEMO_LONG_TX_SECONDS: bad })).toThrow(`ORA2KAFKA_DEMO_LONG_TX_SECONDS must be a number of seconds from 1 to 3600 (how long the demo workload's long transactions stay open), got "${bad}"`);
    }
  });
});
