using System.Globalization;
using MySqlConnector;

namespace Sluice.Testing;

/// <summary>
/// Column types with their edge values (minimum, maximum, zero, negative, longest, multibyte, every fractional
/// precision), as SQL literals. Written with sql_mode '' (zero dates allowed) and time_zone '+00:00'.
/// </summary>
public static class TypeCases
{
    public static readonly (string Name, string ColumnType, string[] Values)[] All =
    [
        ("tinyint", "TINYINT", ["-128", "127", "0", "-1"]),
        ("tinyint_u", "TINYINT UNSIGNED", ["0", "255", "1"]),
        ("smallint", "SMALLINT", ["-32768", "32767", "0"]),
        ("smallint_u", "SMALLINT UNSIGNED", ["65535", "0"]),
        ("mediumint", "MEDIUMINT", ["-8388608", "8388607", "-1"]),
        ("mediumint_u", "MEDIUMINT UNSIGNED", ["16777215", "0"]),
        ("int", "INT", ["-2147483648", "2147483647", "0", "-1"]),
        ("int_u", "INT UNSIGNED", ["4294967295", "0"]),
        ("bigint", "BIGINT", ["-9223372036854775808", "9223372036854775807", "0", "-1"]),
        ("bigint_u", "BIGINT UNSIGNED", ["18446744073709551615", "0", "9223372036854775808"]),
        ("dec10_0", "DECIMAL(10,0)", ["0", "9999999999", "-9999999999", "1", "-1"]),
        ("dec5_5", "DECIMAL(5,5)", ["0.99999", "-0.99999", "0.00001", "0"]),
        ("dec14_4", "DECIMAL(14,4)", ["-1234567890.1234", "1234567890.1234", "0.0001", "-0.5"]),
        ("dec38_10", "DECIMAL(38,10)", ["1234567890123456789012345678.0123456789", "-0.0000000001", "0"]),
        ("dec65_30", "DECIMAL(65,30)", ["99999999999999999999999999999999999.999999999999999999999999999999", "-99999999999999999999999999999999999.999999999999999999999999999999", "0.000000000000000000000000000001", "-1.5"]),
        ("dec65_0", "DECIMAL(65,0)", ["'99999999999999999999999999999999999999999999999999999999999999999'", "'-99999999999999999999999999999999999999999999999999999999999999999'", "0"]),
        ("dec1_0", "DECIMAL(1,0)", ["9", "-9", "0"]),
        ("dec4_2", "DECIMAL(4,2)", ["99.99", "-99.99", "0.01", "-0.01"]),
        ("dec19_9", "DECIMAL(19,9)", ["1234567890.123456789", "-9999999999.999999999"]),
        ("dec20_10_u", "DECIMAL(20,10) UNSIGNED", ["1234567890.0123456789", "0"]),
        ("float", "FLOAT", ["0", "-1.5", "3.40282e38", "1.17549e-38", "123.456", "-0.000001"]),
        ("double", "DOUBLE", ["0", "-2.2250738585072014e-308", "1.7976931348623157e308", "0.1", "-123456789.123456789"]),
        ("bit1", "BIT(1)", ["b'0'", "b'1'"]),
        ("bit9", "BIT(9)", ["b'101010101'", "b'0'", "b'111111111'"]),
        ("bit64", "BIT(64)", ["b'1111111111111111111111111111111111111111111111111111111111111111'", "0x8000000000000000", "1", "0"]),
        ("bit17", "BIT(17)", ["b'10000000000000001'", "3"]),
        ("year", "YEAR", ["0", "1901", "2155", "2000", "69"]),
        ("date", "DATE", ["'0000-00-00'", "'1000-01-01'", "'9999-12-31'", "'2024-02-29'", "'2024-00-00'", "'1970-01-01'"]),
        ("time0", "TIME(0)", ["'-838:59:59'", "'838:59:59'", "'00:00:00'", "'-00:00:01'", "'12:34:56'", "'-01:02:03'", "'100:00:00'"]),
        ("datetime0", "DATETIME(0)", ["'0000-00-00 00:00:00'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'", "'2026-11-25 12:34:56'", "'2024-02-29 00:00:00'"]),
        ("timestamp0", "TIMESTAMP(0) NULL", ["'0000-00-00 00:00:00'", "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07'", "'2026-11-25 12:34:56'"]),
        ("time1", "TIME(1)", ["'-838:59:59'", "'838:59:59'", "'00:00:00'", "'-00:00:01'", "'12:34:56.1'", "'-01:02:03.9'", "'-00:00:00.1'"]),
        ("datetime1", "DATETIME(1)", ["'0000-00-00 00:00:00'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59.9'", "'2026-11-25 12:34:56.1'", "'2024-02-29 00:00:00'"]),
        ("timestamp1", "TIMESTAMP(1) NULL", ["'0000-00-00 00:00:00'", "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07.9'", "'2026-11-25 12:34:56.1'"]),
        ("time2", "TIME(2)", ["'-838:59:59'", "'838:59:59'", "'00:00:00'", "'-00:00:01'", "'12:34:56.12'", "'-01:02:03.99'", "'-00:00:00.12'"]),
        ("datetime2", "DATETIME(2)", ["'0000-00-00 00:00:00'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59.99'", "'2026-11-25 12:34:56.12'", "'2024-02-29 00:00:00'"]),
        ("timestamp2", "TIMESTAMP(2) NULL", ["'0000-00-00 00:00:00'", "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07.99'", "'2026-11-25 12:34:56.12'"]),
        ("time3", "TIME(3)", ["'-838:59:59'", "'838:59:59'", "'00:00:00'", "'-00:00:01'", "'12:34:56.123'", "'-01:02:03.999'", "'-00:00:00.123'"]),
        ("datetime3", "DATETIME(3)", ["'0000-00-00 00:00:00'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59.999'", "'2026-11-25 12:34:56.123'", "'2024-02-29 00:00:00'"]),
        ("timestamp3", "TIMESTAMP(3) NULL", ["'0000-00-00 00:00:00'", "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07.999'", "'2026-11-25 12:34:56.123'"]),
        ("time4", "TIME(4)", ["'-838:59:59'", "'838:59:59'", "'00:00:00'", "'-00:00:01'", "'12:34:56.1234'", "'-01:02:03.9999'", "'-00:00:00.1234'"]),
        ("datetime4", "DATETIME(4)", ["'0000-00-00 00:00:00'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59.9999'", "'2026-11-25 12:34:56.1234'", "'2024-02-29 00:00:00'"]),
        ("timestamp4", "TIMESTAMP(4) NULL", ["'0000-00-00 00:00:00'", "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07.9999'", "'2026-11-25 12:34:56.1234'"]),
        ("time5", "TIME(5)", ["'-838:59:59'", "'838:59:59'", "'00:00:00'", "'-00:00:01'", "'12:34:56.12345'", "'-01:02:03.99999'", "'-00:00:00.12345'"]),
        ("datetime5", "DATETIME(5)", ["'0000-00-00 00:00:00'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59.99999'", "'2026-11-25 12:34:56.12345'", "'2024-02-29 00:00:00'"]),
        ("timestamp5", "TIMESTAMP(5) NULL", ["'0000-00-00 00:00:00'", "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07.99999'", "'2026-11-25 12:34:56.12345'"]),
        ("time6", "TIME(6)", ["'-838:59:59'", "'838:59:59'", "'00:00:00'", "'-00:00:01'", "'12:34:56.123456'", "'-01:02:03.999999'", "'-00:00:00.123456'"]),
        ("datetime6", "DATETIME(6)", ["'0000-00-00 00:00:00'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59.999999'", "'2026-11-25 12:34:56.123456'", "'2024-02-29 00:00:00'"]),
        ("timestamp6", "TIMESTAMP(6) NULL", ["'0000-00-00 00:00:00'", "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07.999999'", "'2026-11-25 12:34:56.123456'"]),
        ("char10_utf8mb4", "CHAR(10) CHARACTER SET utf8mb4", ["''", "'a'", "'héllo'", "'🚀🚀'", "'abcdefghij'"]),
        ("char255_utf8mb4", "CHAR(255) CHARACTER SET utf8mb4", ["REPEAT('ж', 255)", "'x'", "''"]),
        ("char20_latin1", "CHAR(20) CHARACTER SET latin1", ["'café'", "''", "'ÿ€'"]),
        ("varchar10_latin1", "VARCHAR(10) CHARACTER SET latin1", ["'café'", "''", "' trailing '"]),
        ("varchar300_utf8mb4", "VARCHAR(300) CHARACTER SET utf8mb4", ["REPEAT('€', 300)", "''", "'🚀 multibyte ✓'"]),
        ("varchar255_ascii", "VARCHAR(255) CHARACTER SET ascii", ["REPEAT('a', 255)", "'plain'"]),
        ("varchar60_utf8mb3", "VARCHAR(60) CHARACTER SET utf8mb3", ["'naïve'", "REPEAT('中', 60)"]),
        ("varchar50_utf16", "VARCHAR(50) CHARACTER SET utf16", ["'héllo 🚀'", "''"]),
        ("varchar50_ucs2", "VARCHAR(50) CHARACTER SET ucs2", ["'héllo ж'", "''"]),
        ("varchar50_utf32", "VARCHAR(50) CHARACTER SET utf32", ["'héllo 🚀'", "''"]),
        ("varchar20_gbk", "VARCHAR(20) CHARACTER SET gbk", ["'中文字符'", "''"]),
        ("varchar20_cp1251", "VARCHAR(20) CHARACTER SET cp1251", ["'Привет'", "''"]),
        ("varchar20_sjis", "VARCHAR(20) CHARACTER SET sjis", ["'日本語'", "''"]),
        ("varchar20_big5", "VARCHAR(20) CHARACTER SET big5", ["'中文'", "''"]),
        ("tinytext", "TINYTEXT CHARACTER SET utf8mb4", ["''", "REPEAT('a', 255)", "'ж'"]),
        ("text", "TEXT CHARACTER SET utf8mb4", ["REPEAT('ü', 30000)", "''"]),
        ("mediumtext", "MEDIUMTEXT CHARACTER SET utf8mb4", ["REPEAT('🚀', 70000)", "'m'"]),
        ("longtext", "LONGTEXT CHARACTER SET utf8mb4", ["REPEAT('long ', 50000)", "''"]),
        ("binary4", "BINARY(4)", ["'ab'", "0x00FF", "''", "0xFFFFFFFF"]),
        ("varbinary300", "VARBINARY(300)", ["UNHEX(REPEAT('00FF', 150))", "''", "0x00"]),
        ("tinyblob", "TINYBLOB", ["UNHEX(REPEAT('AB', 255))", "''"]),
        ("blob", "BLOB", ["UNHEX(REPEAT('00FF', 32767))", "0x01"]),
        ("mediumblob", "MEDIUMBLOB", ["UNHEX(REPEAT('DEADBEEF', 100000))", "''"]),
        ("longblob", "LONGBLOB", ["UNHEX(REPEAT('CAFE', 300000))", "0x00"]),
        ("enum", "ENUM('a','b','c')", ["'a'", "'c'", "''"]),
        ("enum300", "ENUM('m0','m1','m2','m3','m4','m5','m6','m7','m8','m9','m10','m11','m12','m13','m14','m15','m16','m17','m18','m19','m20','m21','m22','m23','m24','m25','m26','m27','m28','m29','m30','m31','m32','m33','m34','m35','m36','m37','m38','m39','m40','m41','m42','m43','m44','m45','m46','m47','m48','m49','m50','m51','m52','m53','m54','m55','m56','m57','m58','m59','m60','m61','m62','m63','m64','m65','m66','m67','m68','m69','m70','m71','m72','m73','m74','m75','m76','m77','m78','m79','m80','m81','m82','m83','m84','m85','m86','m87','m88','m89','m90','m91','m92','m93','m94','m95','m96','m97','m98','m99','m100','m101','m102','m103','m104','m105','m106','m107','m108','m109','m110','m111','m112','m113','m114','m115','m116','m117','m118','m119','m120','m121','m122','m123','m124','m125','m126','m127','m128','m129','m130','m131','m132','m133','m134','m135','m136','m137','m138','m139','m140','m141','m142','m143','m144','m145','m146','m147','m148','m149','m150','m151','m152','m153','m154','m155','m156','m157','m158','m159','m160','m161','m162','m163','m164','m165','m166','m167','m168','m169','m170','m171','m172','m173','m174','m175','m176','m177','m178','m179','m180','m181','m182','m183','m184','m185','m186','m187','m188','m189','m190','m191','m192','m193','m194','m195','m196','m197','m198','m199','m200','m201','m202','m203','m204','m205','m206','m207','m208','m209','m210','m211','m212','m213','m214','m215','m216','m217','m218','m219','m220','m221','m222','m223','m224','m225','m226','m227','m228','m229','m230','m231','m232','m233','m234','m235','m236','m237','m238','m239','m240','m241','m242','m243','m244','m245','m246','m247','m248','m249','m250','m251','m252','m253','m254','m255','m256','m257','m258','m259','m260','m261','m262','m263','m264','m265','m266','m267','m268','m269','m270','m271','m272','m273','m274','m275','m276','m277','m278','m279','m280','m281','m282','m283','m284','m285','m286','m287','m288','m289','m290','m291','m292','m293','m294','m295','m296','m297','m298','m299')", ["'m0'", "'m299'", "'m256'"]),
        ("set", "SET('x','y','z')", ["''", "'x,z'", "'x,y,z'", "'y'"]),
        ("set64", "SET('s0','s1','s2','s3','s4','s5','s6','s7','s8','s9','s10','s11','s12','s13','s14','s15','s16','s17','s18','s19','s20','s21','s22','s23','s24','s25','s26','s27','s28','s29','s30','s31','s32','s33','s34','s35','s36','s37','s38','s39','s40','s41','s42','s43','s44','s45','s46','s47','s48','s49','s50','s51','s52','s53','s54','s55','s56','s57','s58','s59','s60','s61','s62','s63')", ["'s0,s63'", "'s7,s8,s9'", "''"]),
        ("json", "JSON", ["'{\"a\": 1, \"b\": [true, null, \"x\"]}'", "'[]'", "'\"str\"'", "'null'", "'3.5'"]),
        ("geometry", "GEOMETRY", ["ST_GeomFromText('POINT(1 2)')", "ST_GeomFromText('LINESTRING(0 0, 1 1, 2 5)')", "ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0))', 4326)"]),
        ("point", "POINT", ["ST_GeomFromText('POINT(-71.06 42.36)')"]),
    ];

    /// <summary>
    /// The SELECT expression whose value is compared with the decoded one: binary strings and floating point as
    /// they are, BIT and YEAR as numbers, everything else as the text MySQL prints.
    /// </summary>
    /// <summary>
    /// Creates <paramref name="schema"/> on <paramref name="server"/> with one table per case, <c>(id INT PRIMARY KEY,
    /// v type)</c>, holding the case's values and a NULL, written with a lenient sql_mode in UTC.
    /// </summary>
    public static async Task CreateTablesAsync(MariaDbInstance server, string schema)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var connection = await server.OpenConnectionAsync();
        var statements = new List<string> { "SET SESSION sql_mode = '', time_zone = '+00:00'", $"DROP DATABASE IF EXISTS {schema}", $"CREATE DATABASE {schema}" };
        foreach (var (name, type, values) in All)
        {
            statements.Add($"CREATE TABLE {schema}.`{name}` (id INT PRIMARY KEY, v {type})");
            for (var i = 0; i < values.Length; i++)
                statements.Add(string.Create(CultureInfo.InvariantCulture, $"INSERT INTO {schema}.`{name}` VALUES ({i + 1}, {values[i]})"));
            statements.Add(string.Create(CultureInfo.InvariantCulture, $"INSERT INTO {schema}.`{name}` VALUES ({values.Length + 1}, NULL)"));
        }

        foreach (var sql in statements)
        {
            await using var command = new MySqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public static string Probe(string columnType)
    {
        var type = columnType.ToUpperInvariant();
        if (type.StartsWith("BIT", StringComparison.Ordinal) || type.StartsWith("YEAR", StringComparison.Ordinal))
            return "v + 0";
        if (type.StartsWith("FLOAT", StringComparison.Ordinal) || type.StartsWith("DOUBLE", StringComparison.Ordinal)
            || type.Contains("BINARY", StringComparison.Ordinal) || type.Contains("BLOB", StringComparison.Ordinal)
            || type.StartsWith("GEOMETRY", StringComparison.Ordinal) || type.StartsWith("POINT", StringComparison.Ordinal))
            return "v";
        return "CAST(v AS CHAR)";
    }
}
