using System.Net;
using Sluice.Server.Hosting;

namespace Sluice.Server.Tests.Hosting;

public sealed class SluiceServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_address_serves_the_api_and_the_data_directory_holds_the_store_and_key()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "sluice-server-tests", Guid.NewGuid().ToString("N"));
        var server = await SluiceServer.StartAsync(new SluiceServerOptions { DataDirectory = dataDirectory, Addresses = ["127.0.0.1:0", "127.0.0.1:0"] }, Ct);
        await using (server)
        {
            Assert.Equal(2, server.Addresses.Count);
            Assert.NotEqual(server.Addresses[0].Port, server.Addresses[1].Port);
            foreach (var address in server.Addresses)
            {
                Assert.Equal("127.0.0.1", address.Host);
                using var client = new HttpClient { BaseAddress = address };
                using var response = await client.GetAsync("/api/v1/cluster/masters", Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            Assert.True(File.Exists(Path.Combine(dataDirectory, "meta.db")));
            Assert.True(File.Exists(Path.Combine(dataDirectory, "secret.key")));
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task A_given_secret_key_file_is_used_instead_of_the_data_directory()
    {
        var root = Path.Combine(Path.GetTempPath(), "sluice-server-tests", Guid.NewGuid().ToString("N"));
        var keyFile = Path.Combine(root, "elsewhere.key");
        Directory.CreateDirectory(root);
        var options = new SluiceServerOptions { DataDirectory = Path.Combine(root, "data"), Addresses = ["127.0.0.1:0"], SecretKeyFile = keyFile };
        await using (await SluiceServer.StartAsync(options, Ct))
        {
            Assert.True(File.Exists(keyFile));
            Assert.False(File.Exists(Path.Combine(root, "data", "secret.key")));
        }

        Directory.Delete(root, recursive: true);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:99999")]
    [InlineData("example.com:8261")]
    public async Task A_bad_address_is_refused_before_anything_starts(string address)
    {
        var options = new SluiceServerOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "sluice-server-tests", Guid.NewGuid().ToString("N")), Addresses = [address] };
        await Assert.ThrowsAsync<ArgumentException>(() => SluiceServer.StartAsync(options, Ct));
        Assert.False(Directory.Exists(options.DataDirectory));
    }
}
