import { Counter, Gauge, Histogram } from "prom-client";
/** Label values are bounded: an agent's tool names beyond this many become `other`. */
const maxToolLabels = 64;
/**
 * Bounds of what is remembered between a start and its end (a tool call, an interaction):
 * ends lost to a restart must not grow memory without limit.
 */
const maxTracked = 10_000;
export class AgentMetrics {
    #metrics;
    #turns;
    #toolCalls;
    #tokens;
    #modelRequests;
    #interactionWait;
    /** The provider of each session's current turn (`turn.start`), for its usage events. */
    #turnProvider = new Map();
    /** Tool calls' labels from `tool.start` until their `tool.end`. */
    #toolOfCall = new Map();
    #toolLabels = new Set();
    /** When each pending interaction was asked. */
    #askedAt = new Map();
    constructor(options) {
        const registers = [];
        this.#turns = new Counter({
            name: "hangar_agent_turns_total",
            help: "Finished agent turns by outcome",
            labelNames: ["outcome"],
            registers,
        });
        this.#toolCalls = new Counter({
            name: "hangar_agent_tool_calls_total",
            help: "Finished tool calls by tool (an external agent's: its tool kind) and outcome",
            labelNames: ["tool", "outcome"],
            registers,
        });
        this.#tokens = new Counter({
            name: "hangar_agent_tokens_total",
            help: "Model tokens used by agent sessions, by provider and direction (input, output)",
            labelNames: ["provider", "direction"],
            registers,
        });
        this.#modelRequests = new Histogram({
            name: "hangar_agent_model_request_seconds",
            help: "Model requests of agents (the built-in loop's and, through the relay, external agents'), by provider and outcome",
            labelNames: ["provider", "outcome"],
            buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
            registers,
        });
        this.#interactionWait = new Histogram({
            name: "hangar_agent_interaction_wait_seconds",
            help: "How long questions and permission requests waited for an answer, by kind and outcome",
            labelNames: ["kind", "outcome"],
            buckets: [1, 5, 15, 30, 60, 300, 900, 3600, 86_400],
            registers,
        });
        const sessions = new Gauge({
            name: "hangar_agent_sessions",
            help: "Agent sessions by status",
            labelNames: ["status"],
            registers,
            async collect() {
                this.reset();
                for (const [status, count] of Object.entries(await options.countSessions())) {
                    this.set({ status }, count);
                }
            },
        });
        this.#metrics = [
            sessions,
            this.#turns,
            this.#toolCalls,
            this.#tokens,
            this.#modelRequests,
            this.#interactionWait,
        ];
    }
    registerOn(registry) {
        for (const metric of this.#metrics)
            registry.registerMetric(metric);
    }
    observeModelRequest = (observation) => {
        const { provider, outcome, seconds } = observation;
        this.#modelRequests.observe({ provider, outcome }, seconds);
    };
    observeEvent = (event) => {
        switch (event.name) {
            case "turn.start":
                if (this.#turnProvider.size >= maxTracked)
                    this.#turnProvider.clear();
                this.#turnProvider.set(event.session_id, event.data.model.split(":")[0] ?? "unknown");
                break;
            case "turn.end":
                this.#turns.inc({ outcome: event.data.outcome });
                break;
            case "usage": {
                const provider = this.#turnProvider.get(event.session_id) ?? "unknown";
                this.#tokens.inc({ provider, direction: "input" }, event.data.input_tokens);
                this.#tokens.inc({ provider, direction: "output" }, event.data.output_tokens);
                break;
            }
            case "session.ended":
                this.#turnProvider.delete(event.session_id);
                break;
            case "tool.start":
                if (this.#toolOfCall.size >= maxTracked)
                    this.#toolOfCall.clear();
                this.#toolOfCall.set(`${event.session_id} ${event.data.tool_call_id}`, this.#toolLabel(event.data.kind ?? event.data.tool));
                break;
            case "tool.end": {
                const key = `${event.session_id} ${event.data.tool_call_id}`;
                const tool = this.#toolOfCall.get(key) ?? this.#toolLabel(event.data.tool);
                this.#toolOfCall.delete(key);
                this.#toolCalls.inc({ tool, outcome: event.data.is_error ? "error" : "ok" });
                break;
            }
            case "permission.requested":
            case "question.asked":
                if (this.#askedAt.size < maxTracked) {
                    this.#askedAt.set(event.data.interaction_id, Date.parse(event.created_at));
                }
                break;
            case "interaction.resolved": {
                const askedAt = this.#askedAt.get(event.data.interaction_id);
                if (askedAt === undefined)
                    break;
                this.#askedAt.delete(event.data.interaction_id);
                const seconds = Math.max(0, (Date.parse(event.created_at) - askedAt) / 1000);
                this.#interactionWait.observe({ kind: event.data.kind, outcome: event.data.outcome }, seconds);
                break;
            }
            default:
                break;
        }
    };
    #toolLabel(tool) {
        if (this.#toolLabels.has(tool))
            return tool;
        if (this.#toolLabels.size >= maxToolLabels)
            return "other";
        this.#toolLabels.add(tool);
        return tool;
    }
}
//# sourceMappingURL=agent-metrics.js.map