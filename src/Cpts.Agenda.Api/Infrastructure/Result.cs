namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>What a handler returns: a value or an expected failure.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error) => (Value, Error) = (value, error);

    public T? Value { get; }
    public Error? Error { get; }
    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public Result<TOut> Map<TOut>(Func<T, TOut> map)
    {
        if (Error is { } e) return e;
        return map(Value!);
    }
    public static implicit operator Result<T>(Error error) => new(default, error);
}
