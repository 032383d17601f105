//! "已生成本年度报告": what to check after a report was made from last year's.

/// Lists the places to check (`items`); true once the user has closed it.
pub fn show(ctx: &egui::Context, items: &[String]) -> bool {
    let next = if items.is_empty() {
        "沿用的文字中未发现需要核对的年份。".to_string()
    } else {
        format!("请核对以下 {} 处（也列在下方的校验结果中）：", items.len())
    };
    let intro = [
        "上年度的文字已沿用，表格中的“上年结转”等已按上年数据填好，其余数字需要重新填写。"
            .to_string(),
        next,
    ];
    super::notice::show_with(ctx, "rollover", "已生成本年度报告", &intro, items)
}
