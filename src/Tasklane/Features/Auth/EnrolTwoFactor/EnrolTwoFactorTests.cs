using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using OtpNet;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Tasklane.Tests.Support;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;
using static Tasklane.Features.Auth.TwoFactorTestKit;

namespace Tasklane.Features.Auth.EnrolTwoFactor;

public class EnrolTwoFactorTests
{
    [Test]
    public async Task Enrolling_answers_a_secret_and_its_otpauth_uri_and_changes_nothing_until_confirmed()
    {
        var user = await ApiClient.SignUpAsync();

        var enrolment = await user.PostAsync("me/two-factor", null, HttpStatusCode.OK);
        var secret = enrolment.GetProperty("secret").GetString()!;
        var uri = new Uri(enrolment.GetProperty("otpauthUri").GetString()!);
        var login = await LoginAsync(ApiClient.Anonymous(), user.Email);
        var me = await user.GetAsync("me");

        Assert.Multiple(() =>
        {
            Assert.That(Base32Encoding.ToBytes(secret), Has.Length.EqualTo(20), "160 bits");
            Assert.That(uri.Scheme, Is.EqualTo("otpauth"));
            Assert.That(uri.Host, Is.EqualTo("totp"));
            Assert.That(Uri.UnescapeDataString(uri.AbsolutePath), Is.EqualTo($"/Tasklane:{user.Email}"));
            Assert.That(uri.Query, Does.Contain($"secret={secret}").And.Contain("issuer=Tasklane"));
            Assert.That(login.GetProperty("token").GetString(), Is.Not.Null, "not asked for a code before it is confirmed");
            Assert.That(login.GetProperty("twoFactorRequired").GetBoolean(), Is.False);
            Assert.That(me.GetProperty("twoFactorEnabled").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task The_qr_code_reads_as_the_otpauth_uri()
    {
        const string png = "data:image/png;base64,";
        var user = await ApiClient.SignUpAsync();

        var enrolment = await user.PostAsync("me/two-factor", null, HttpStatusCode.OK);
        var qrCode = enrolment.GetProperty("qrCode").GetString()!;

        Assert.That(qrCode, Does.StartWith(png));
        using var image = Image.Load<Rgba32>(Convert.FromBase64String(qrCode[png.Length..]));
        var pixels = new byte[image.Width * image.Height * 4];
        image.CopyPixelDataTo(pixels);
        var luminance = new RGBLuminanceSource(pixels, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.RGBA32);
        var read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(luminance)));
        Assert.That(read?.Text, Is.EqualTo(enrolment.GetProperty("otpauthUri").GetString()));
    }

    [Test]
    public async Task The_secret_is_stored_sealed_never_as_it_was_answered()
    {
        var user = await ApiClient.SignUpAsync();
        var secret = (await user.PostAsync("me/two-factor", null, HttpStatusCode.OK)).GetProperty("secret").GetString()!;

        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var stored = await db.QuerySingleAsync<string>("select secret from two_factor where user_id = @UserId", new { user.UserId });

        Assert.Multiple(() =>
        {
            Assert.That(stored, Does.StartWith("v1."));
            Assert.That(stored, Does.Not.Contain(secret));
            Assert.That(stored, Does.Not.Contain(Convert.ToBase64String(Base32Encoding.ToBytes(secret)).TrimEnd('=')));
            Assert.That(stored, Does.Not.Contain(Convert.ToHexString(Base32Encoding.ToBytes(secret))).IgnoreCase);
        });
    }

    [Test]
    public async Task Enrolling_again_replaces_an_unconfirmed_secret_but_not_an_enabled_one()
    {
        var user = await ApiClient.SignUpAsync();
        var first = (await user.PostAsync("me/two-factor", null, HttpStatusCode.OK)).GetProperty("secret").GetString()!;
        var second = (await user.PostAsync("me/two-factor", null, HttpStatusCode.OK)).GetProperty("secret").GetString()!;

        using var stale = await user.Http.PostAsJsonAsync("me/two-factor/confirm", new { code = CodeFor(first) });
        await user.PostAsync("me/two-factor/confirm", new { code = CodeFor(second) }, HttpStatusCode.OK);
        using var again = await user.Http.PostAsync("me/two-factor", null);

        Assert.That(first, Is.Not.EqualTo(second));
        await stale.AssertProblemAsync(HttpStatusCode.BadRequest, "code");
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task An_api_token_cannot_enrol()
    {
        var user = await ApiClient.SignUpAsync();
        var token = (await user.PostAsync("me/tokens", new { name = "script" })).GetProperty("token").GetString()!;

        using var response = await ApiClient.WithBearer(token).PostAsync("me/two-factor", null);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
