using QRCoder;

namespace Cpts.Agenda.Api.Features.Calendars.Pages;

/// <summary>A feed's address as a QR code, drawn by the service (QRCoder) as a PNG data URI: no external service sees the secret.</summary>
public static class FeedQrCode
{
    public static string DataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>The same address with the webcal scheme, which calendar applications open as a subscription.</summary>
    public static string Webcal(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "webcal://" + url["https://".Length..]
        : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "webcal://" + url["http://".Length..]
        : url;
}
