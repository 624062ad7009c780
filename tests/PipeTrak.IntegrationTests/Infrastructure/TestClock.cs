namespace PipeTrak.IntegrationTests.Infrastructure;

/// <summary>Real time plus an offset the tests can move forward (expiry, lockout, idle sessions).</summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;

    public void Reset() => _offset = TimeSpan.Zero;
}
