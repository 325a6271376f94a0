/** A started fixture (sandbox, runner, credentials) handed to a test body, and stopped whatever the body does. */
export async function withFixture<F extends { stop(): Promise<unknown> }>(
	started: Promise<F>,
	body: (fixture: F) => Promise<void>,
): Promise<void> {
	const fixture = await started;
	try {
		await body(fixture);
	} finally {
		await fixture.stop();
	}
}
