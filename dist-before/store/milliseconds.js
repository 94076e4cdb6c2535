import { HangarError } from "../core/errors.js";
/** Dates are stored as epoch milliseconds; an invalid Date would otherwise be bound as NaN/NULL and fail far from its cause. */
export function milliseconds(date, field) {
    const time = date.getTime();
    if (!Number.isFinite(time))
        throw new HangarError("INTERNAL", `${field} is an invalid date`, { field });
    return time;
}
//# sourceMappingURL=milliseconds.js.map