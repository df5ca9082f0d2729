using System.CommandLine;
using System.Security.Cryptography;
using ParkCommunity.Gateway.ExternalBroker.Mosquitto;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Gateway.Cli;

/// <summary><c>mosquitto-config</c>: writes mosquitto's password file and per-device ACL from the site registry.</summary>
internal static class MosquittoConfigCommand
{
    public static Command Build()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write passwords, acl and parkcommunity.conf into.", Required = true };
        var registryPath = new Option<string>("--registry") { Description = "The site registry file.", DefaultValueFactory = _ => "deploy/sample-community/registry.yaml" };
        var prefix = new Option<string>("--prefix") { Description = "Topic prefix.", DefaultValueFactory = _ => "pc" };
        var accounts = new Option<string[]>("--service-account")
        {
            Description = "An internal client (e.g. pc-gateway) allowed to read and write under the prefix; a random password is generated and printed once. Repeatable.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("mosquitto-config", "Generate mosquitto's password file, per-device ACL and a config snippet from the site registry.")
        {
            output, registryPath, prefix, accounts,
        };
        command.SetAction(parse =>
        {
            CommunityRegistry registry;
            try
            {
                registry = RegistryLoader.Load(parse.GetValue(registryPath)!);
            }
            catch (RegistryException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }

            var serviceAccounts = new List<ServiceAccount>();
            foreach (var name in parse.GetValue(accounts) ?? [])
            {
                var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
                serviceAccounts.Add(new ServiceAccount(name, DeviceCredentials.Hash(secret)));
                Console.WriteLine($"service account {name}: password {secret}  (shown once; set it as Gateway:ExternalBroker:Password)");
            }

            var directory = parse.GetValue(output)!.FullName;
            MosquittoConfigWriter.Write(registry, directory, parse.GetValue(prefix)!, serviceAccounts);
            Console.WriteLine($"wrote {registry.Devices.Count} devices to {directory}: {MosquittoConfigWriter.PasswordFile}, {MosquittoConfigWriter.AclFile}, {MosquittoConfigWriter.ConfigFile}");
            if (registry.DemoSecretDevices > 0)
            {
                Console.Error.WriteLine($"WARNING: {registry.DemoSecretDevices} devices use the public demo secret rule (password = \"demo-\" + id).");
            }

            return 0;
        });
        return command;
    }
}
