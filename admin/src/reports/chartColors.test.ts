import { createTheme } from '@mui/material/styles';
import { defaultDarkTheme, defaultLightTheme } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { chartColors } from './chartColors';

const rgb = (hex: string) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
/** Euclidean distance in RGB: 0 for the same colour, ~29 for #1976d2 beside #0288d1. */
const distance = (a: string, b: string) => Math.hypot(...rgb(a).map((value, index) => value - rgb(b)[index]));

describe('chartColors', () => {
  for (const [mode, theme] of [['light', defaultLightTheme], ['dark', defaultDarkTheme]] as const) {
    const colors = chartColors(createTheme(theme).palette);
    for (const [chart, series] of Object.entries(colors)) {
      it(`tells every ${chart} series apart in the ${mode} theme`, () => {
        const entries = Object.entries(series);
        for (const [index, [name, color]] of entries.entries()) {
          expect(color, name).toMatch(/^#[0-9a-f]{6}$/i);
          for (const [other, otherColor] of entries.slice(index + 1)) {
            expect(distance(color, otherColor), `${name} ${color} vs ${other} ${otherColor}`).toBeGreaterThan(80);
          }
        }
      });
    }
  }
});
