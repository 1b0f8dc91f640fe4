namespace Cpts.Agenda.IntegrationTests.Infrastructure;

/// <summary>Several parts that a page, a feed or a message must all show, or must none of them show.</summary>
public static class TextAssertions
{
    public static void ShouldContainAll(this string text, params string[] parts)
    {
        foreach (var part in parts) Assert.Contains(part, text);
    }

    public static void ShouldContainNone(this string text, params string[] parts)
    {
        foreach (var part in parts) Assert.DoesNotContain(part, text);
    }
}
