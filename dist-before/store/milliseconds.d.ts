/** Dates are stored as epoch milliseconds; an invalid Date would otherwise be bound as NaN/NULL and fail far from its cause. */
export declare function milliseconds(date: Date, field: string): number;
