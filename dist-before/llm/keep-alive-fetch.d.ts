export declare const keepAliveFetch: typeof fetch;
