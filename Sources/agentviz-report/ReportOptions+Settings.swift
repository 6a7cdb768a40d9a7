import AgentVizRemote
import AgentVizReport
import Foundation

extension ReportOptions {
    /// The flags that take part in the settings' precedence (flag, env, config file, default).
    var settingFlags: SettingFlags {
        var f = SettingFlags()
        f.config = config
        f.db = db
        f.timeZone = tz
        f.format = format?.rawValue
        f.prices = prices
        f.budget = budget
        f.ruleFiles = ruleFiles
        return f
    }

    /// Every check before any data is read: settings, the job, and the push (exit 2).
    func prepare(_ period: PeriodSelection) throws -> (PreparedReportJob, RemotePush?) {
        let environment = ProcessInfo.processInfo.environment
        let settings = try EffectiveSettings.resolve(settingFlags, environment: environment)
        var options = jobOptions(period)
        options.apply(settings)
        let job = try ReportJob.prepare(options)
        let remote = push ? try RemotePush.prepare(settings.remote, environment: environment, storePath: settings.store.value) : nil
        return (job, remote)
    }
}
