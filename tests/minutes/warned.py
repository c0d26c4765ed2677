"""Minutes that make the parser warn, for the library's tests and the importer's."""

# Minutes with a body that starts without a heading, a report without a subject and text after the close.
WARNED = """臨海市政府第 12 次市政會議紀錄

時間：民國 115 年 3 月 18 日（星期三）上午 9 時
地點：市政大樓 301 會議室
主席：林市長
紀錄：王小明

本次會議先行說明。

一、報告事項
（一）秘書處報告：文書業務。
決定：洽悉。

散會：上午 11 時
附件一段
附件二段
"""
