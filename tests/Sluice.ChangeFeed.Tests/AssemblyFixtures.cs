using Sluice.Testing;

[assembly: AssemblyFixture(typeof(MariaDbServers))]
