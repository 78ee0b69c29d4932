/**
 * The process clock. In sandbox mode it is the scenario's clock (it starts at the scenario's `now` and advances in
 * real time), so every "last 30 days" and "month to date" agrees with the simulated tenant.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
