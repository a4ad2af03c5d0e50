/** Set when the process starts shutting down: readiness turns 503 so load balancers stop sending requests. */
export const readiness = { draining: false };
