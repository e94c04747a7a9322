// npm run test:stress: the calendar-sync property test at about 1,000 writes (5 runs of 290 steps).
process.env.GANTRY_STRESS = '1';
await import('../integration/calendar-sync-property.test.ts');
