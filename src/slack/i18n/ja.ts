import type { Catalog } from "./catalog.js";

/**
 * 日本語のカタログ. Written for people at work reading Slack, not translated word for word. Slack
 * only formats `*bold*` and `` `code` `` with a space or punctuation around the marks, so they are
 * set apart from the Japanese text around them.
 */
export const ja: Catalog = {
  help: "*{command}* で AIワークスペース（NAVER Cloud DataForest 上の GPU コンテナ）を申請できます。\n\n• チャンネルで `{command}` と入力するとフォームが開きます。ワークスペース名を入力して、用途に合ったプリセット（ノートブック、学習ジョブなど）を選んでください。ソフトウェアとサイズはプリセットで決まり、 *詳細設定* で変更できます。\n• 送信すると、チャンネルに申請カードが投稿されます。チームリーダーがカードのスレッドで承認または却下し、承認されるとワークスペースが作成されて、スレッドに ID が投稿されます。\n• ボットの *ホーム* タブ（サイドバーの AI Workspace をクリック）には、自分の申請と、チームリーダー向けに承認待ちの申請がスレッドと同じ承認・却下ボタン付きで表示されます。\n\n`{command} list` で最近の申請を、 `{command} help` でこの説明を表示します。",
  "command.unknown":
    "{text} というコマンドはありません。ワークスペースを申請するには `{command}` だけを、自分の申請を見るには `{command} list` を、使い方を見るには `{command} help` を入力してください。",
  "command.formDidNotOpen":
    "Slack の制限時間内にフォームを開けなかったため、何も行われていません。もう一度 `{command}` を実行してください。",
  somethingFailed:
    "処理中にボット側で問題が発生しました。もう一度試す前に、申請のスレッドで現在の状況を確認してください。止まっているように見える場合は、ボットの管理者に連絡してください。",
  genericError:
    "ボット側で問題が発生したため、何も変更していません。1 分ほど待ってからもう一度お試しください。繰り返し発生する場合は、ボットの管理者に連絡してください。",

  "modal.title": "AIワークスペース",
  "modal.submit": "承認を依頼する",
  "modal.close": "キャンセル",
  "modal.intro":
    "AIワークスペース（学習やノートブックに使う GPU 付きのコンテナ）を申請します。作成の前にチームリーダーの承認が必要です。",
  "modal.section.about": "*1. 概要*",
  "modal.section.software": "*2. ソフトウェア*",
  "modal.section.size": "*3. サイズ*",
  "modal.section.data": "*4. データと詳細設定* （任意）",
  "modal.loading": ":hourglass_flowing_sand: DataForest から選択肢を読み込んでいます…",
  "modal.imagesUnavailable":
    ":warning: 現在ソフトウェアの一覧を読み込めないため、イメージ名を直接入力してください（例: `tensorflow:2.15.0-gpu` ）。",
  "modal.accountsLoading":
    ":hourglass_flowing_sand: DataForest から選択肢を読み込んでいます… アカウント ID（DataForest コンソールで確認できます）を直接入力することもできます。",
  "modal.accountsUnavailable":
    ":warning: 現在 DataForest アカウントの一覧を読み込めないため、アカウント ID（DataForest コンソールで確認できます）を入力してください。",
  "modal.otherGroup": "その他",
  "modal.otherImage": "その他（イメージ名を入力）",
  "modal.chooseImage": "ソフトウェアを選択",
  "modal.chooseAccount": "アカウントを選択",
  "modal.preset": "*用途を選んでください*\n{about}",
  "modal.summary": "ソフトウェア: {image} · サイズ: {size}",
  "modal.summary.starts": "起動時のコマンド: {run}",
  "modal.summary.change": "変更する場合は、下の *詳細設定* を開いてください。",
  "modal.moreSettings": "詳細設定",
  "modal.workspacesLoading":
    ":hourglass_flowing_sand: DataForest から選択肢を読み込んでいます…（既存のワークスペースを元にする場合の候補）",
  "modal.fromWorkspace":
    "*既存のワークスペースを元にすることもできます*\nその設定がフォームに入ります。新しいワークスペースの名前を入力してください。",
  "modal.fromWorkspacePlaceholder": "ワークスペースを選択",
  "modal.envValuesNotCopied":
    ":lock: 環境変数は名前だけをコピーしました。値には API キーなどの秘密情報が含まれている可能性があるため、コピーしていません。 *環境変数* 欄で、各行の `=` の後に値を入力してください。",
  "modal.fromWorkspaceFailed":
    ":warning: 現在そのワークスペースの設定を DataForest から読み込めないため、フォームはそのままです。1 分ほど待ってからもう一度試すか、ご自身で入力してください。",

  "field.name.label": "ワークスペース名",
  "field.name.hint":
    "英小文字で始まる 1〜15 文字。使えるのは英小文字・数字・ハイフン（連続は不可）です。例: team-a-ws1",
  "field.name.placeholder": "team-a-ws1",
  "field.description.label": "用途",
  "field.description.hint":
    "チームリーダー向けの簡単な説明です（255 文字以内）。例: サポート用チャットボットのファインチューニング",
  "field.description.placeholder": "サポート用チャットボットのファインチューニング",
  "field.accountId.label": "DataForest アカウント",
  "field.accountId.hint": "ワークスペースが所属し、料金が請求されるアカウントです。",
  "field.accountId.placeholder": "",
  "field.configuration.docker.image.label": "ソフトウェア（イメージ）",
  "field.configuration.docker.image.hint":
    "実行するフレームワークとバージョンです。直接入力する場合は name:version の形式で入力します。例: tensorflow:2.15.0-gpu",
  "field.configuration.docker.image.placeholder": "tensorflow:2.15.0-gpu",
  "field.configuration.resource.gpuModel.label": "GPU モデル",
  "field.configuration.resource.gpuModel.hint":
    "学習やノートブックの多くは T4 で十分です。大きなモデルには V100 のほうが高速です。",
  "field.configuration.resource.gpuModel.placeholder": "",
  "field.configuration.resource.gpuCount.label": "GPU 数",
  "field.configuration.resource.gpuCount.hint": "例: 1",
  "field.configuration.resource.gpuCount.placeholder": "",
  "field.configuration.resource.cpuCount.label": "CPU 数",
  "field.configuration.resource.cpuCount.hint": "例: 4",
  "field.configuration.resource.cpuCount.placeholder": "",
  "field.configuration.resource.memoryMb.label": "メモリ（GB）",
  "field.configuration.resource.memoryMb.hint":
    "空欄の場合は DataForest の既定値になります。例: 16",
  "field.configuration.resource.memoryMb.placeholder": "",
  "field.configuration.data.input.label": "読み込むデータ",
  "field.configuration.data.input.hint":
    "1 行に 1 つずつ「HDFS パス -> ワークスペース内のフォルダ」の形式で入力します。例: /user/alice/data -> /data/input",
  "field.configuration.data.input.placeholder": "/user/alice/data -> /data/input",
  "field.configuration.data.output.label": "結果の保存先",
  "field.configuration.data.output.hint":
    "1 行に 1 つずつ「HDFS パス -> ワークスペース内のフォルダ」の形式で入力します。前回の結果を置き換える場合は末尾に (overwrite) を付けます。例: /user/alice/out -> /data/output (overwrite)",
  "field.configuration.data.output.placeholder": "/user/alice/out -> /data/output",
  "field.configuration.docker.command.label": "コマンド",
  "field.configuration.docker.command.hint":
    "ワークスペースの起動時に実行するコマンドです。例: jupyter",
  "field.configuration.docker.command.placeholder": "",
  "field.configuration.docker.args.label": "コマンドの引数",
  "field.configuration.docker.args.hint": "例: lab --port 8888",
  "field.configuration.docker.args.placeholder": "",
  "field.configuration.docker.workdir.label": "作業フォルダ",
  "field.configuration.docker.workdir.hint": "例: /workspace",
  "field.configuration.docker.workdir.placeholder": "",
  "field.configuration.docker.env.label": "環境変数",
  "field.configuration.docker.env.hint":
    "1 行に 1 つずつ NAME=value の形式で入力します。例: EPOCHS=10",
  "field.configuration.docker.env.placeholder": "EPOCHS=10",
  "field.configuration.docker.exposeTcpPorts.label": "公開するポート",
  "field.configuration.docker.exposeTcpPorts.hint":
    "カンマまたは改行で区切って入力します。例: 8888, 6006",
  "field.configuration.docker.exposeTcpPorts.placeholder": "8888, 6006",
  "field.configuration.queueName.label": "キュー",
  "field.configuration.queueName.hint": "ワークスペースを実行する YARN キューです。例: gpu",
  "field.configuration.queueName.placeholder": "",
  "field.configuration.userPackageUri.label": "パッケージ",
  "field.configuration.userPackageUri.hint":
    "インストールするパッケージの HDFS パスです。例: /user/alice/packages/mylib.tar.gz",
  "field.configuration.userPackageUri.placeholder": "",

  "hint.limit.gpuCount": "1〜{max} 枚の範囲で指定します。",
  "hint.limit.cpuCount": "1〜{max} の範囲で指定します。",
  "hint.limit.memoryGb": "GB 単位の整数で、最大 {max} です。",

  "form.tooManyPending.one":
    "チームリーダーの判断を待っている申請がすでにあります: {names}。その申請が承認または却下されると、新しい申請を送れます。",
  "form.tooManyPending.other":
    "チームリーダーの判断を待っている申請がすでに {max} 件あります: {names}。いずれかが承認または却下されると、新しい申請を送れます。",
  "form.nameTaken":
    "{name} という名前は、このアカウントですでに使われています。別の名前（例: {suggestion}）にしてください。",

  "form.nameNotAllowed":
    "{name} という名前は DataForest で使えません。英小文字で始まり、英小文字・数字・ハイフン（連続は不可）だけを使った別の名前にしてください。",
  "form.nameNotAllowedSaid":
    "{name} という名前は DataForest で使えません（DataForest からのメッセージ: 「{message}」）。英小文字で始まり、英小文字・数字・ハイフン（連続は不可）だけを使った別の名前にしてください。",

  "sent.title": "承認を依頼しました",
  "sent.close": "閉じる",
  "sent.posting":
    ":hourglass_flowing_sand: 申請を {channel} に投稿しています… 投稿が終わると、この表示が変わります。",
  "sent.refused":
    ":warning: 申請を {channel} に投稿できませんでした。対応方法をダイレクトメッセージでお送りしました。",
  "sent.body":
    ":white_check_mark: 申請を {channel} に投稿しました。チームリーダーが判断すると、そのスレッドでメンションが届きます。",
  "sent.nameUnchecked":
    "DataForest の応答が間に合わず名前を確認できなかったため、承認時にあらためて確認します。",

  "stale.title": "フォームが古くなっています",
  "stale.close": "閉じる",
  "stale.body":
    "このフォームを読み取れなかったため、何も送信されていません。もう一度 `{command}` を実行して、新しいフォームを開いてください。",

  "reject.title": "申請を却下",
  "reject.submit": "却下する",
  "reject.close": "戻る",
  "reject.intro":
    "{requester} さんの申請 {name} を却下します。入力した理由はスレッドで申請者に伝わります。",
  "reject.label": "理由（任意）",
  "reject.hint": "例: 当面は GPU 1 枚でお願いします",

  "card.title": "*AIワークスペースの申請: {name}*",
  "card.fallback": "AIワークスペースの申請 {name}: {status}",
  "card.requestedBy": "申請者: {requester}",
  "card.requestedByFor": "申請者: {requester} · 用途: {description}",
  "card.software": "*ソフトウェア*",
  "card.size": "*サイズ*",
  "card.data": "*データ*",
  "card.env": "*環境変数* （値は非表示）",
  "card.account": "*アカウント*",
  "card.overwrite": "（上書き）",
  "card.status.pending": ":hourglass_flowing_sand: 承認待ち",
  "card.status.approved": ":gear: {by} さんが承認しました。ワークスペースを作成しています…",
  "card.status.created": ":white_check_mark: *作成済み* · ID {id} · 承認者 {by}",
  "card.status.dryRun": ":test_tube: *ドライラン* · 承認者 {by}（実際には何も作成していません）",
  "card.status.failed": ":x: *作成されませんでした* : {summary}",
  "card.status.rejected": ":no_entry: {by} さんが *却下* しました",
  "card.status.rejectedBecause": ":no_entry: {by} さんが *却下* しました: {reason}",
  "card.status.expired": ":zzz: 判断されないまま *期限切れ* になりました",
  "card.status.cancelled": ":heavy_multiplication_x: *取り消し済み*",
  "card.status.withdrawn": ":heavy_multiplication_x: *取り下げ済み* （{by} さん）",
  "card.moreLines.one": "…ほかに 1 行",
  "card.moreLines.other": "…ほかに {count} 行",

  "size.gpu": "{model} GPU {count} 枚",
  "size.gpuDefaultModel": "GPU",
  "size.cpu.one": "CPU {count}",
  "size.cpu.other": "CPU {count}",
  "size.memory": "メモリ {gb} GB",
  "size.separator": "、",
  "size.defaults": "DataForest の既定値",

  "controls.ask": "{approvers} {requester} さんからこのワークスペースの申請が届いています。",
  "controls.noApprovers":
    "承認者が設定されていないため、まだ誰も承認できません。ボットの管理者に連絡してください。",
  "controls.approve": "承認する",
  "controls.reject": "却下する",
  "controls.withdraw": "取り下げる",
  "controls.reminder":
    "{approvers} {requester} さんの申請がまだ承認待ちです。ご確認をお願いします。",
  "controls.reminder.noApprovers":
    "チームリーダーの皆さん、{requester} さんの申請がまだ承認待ちです。ご確認をお願いします。",

  "refusal.not_found":
    "この申請が見つかりません。申請者の方に、もう一度申請するよう依頼してください。",
  "refusal.not_approver":
    "申請を承認・却下できるのは、承認者として設定されたチームリーダーだけです。何も変更していません。",
  "refusal.approvers_unknown":
    "Slack で承認者グループを確認できませんでした。1 分ほど待ってからもう一度お試しください。何も変更していません。",
  "refusal.own_request":
    "ご自身の申請は承認・却下できません。ほかのチームリーダーに依頼してください。何も変更していません。",
  "refusal.not_requester":
    "この申請を取り下げたり再投稿したりできるのは、申請したご本人だけです。何も変更していません。",
  "refusal.alreadyDecidedBy":
    "この申請はすでに{state}です（{by} さん、{when}）。何も変更していません。",
  "refusal.alreadyDecided": "この申請はすでに{state}です。何も変更していません。",
  "refusal.already_posted":
    "この申請のカードはすでに {channel} にあり、チームリードがそこで判断できます。何も変更していません。",
  "resubmit.not_requester":
    "フォームには申請者の設定が入っているため、修正して再申請できるのは申請したご本人だけです。変更が必要な場合は、このスレッドで伝えてください。",
  "resubmit.not_ended":
    "この申請はまだ処理中か、すでにワークスペースが作成されているため、再申請はできません。状況はスレッドで確認できます。",
  "resubmit.did_not_open":
    "Slack の制限時間内にフォームを開けませんでした。もう一度 *修正して再申請* をクリックしてください。繰り返し失敗する場合は、 `{command}` を実行して新しいフォームを開いてください。",
  "resubmit.too_big":
    "前回の設定が大きすぎて Slack のフォームに収まらないため、フォームを開けませんでした。 `{command}` を実行して新しいフォームに入力してください。設定はカードとこのスレッドに残っています。",
  "reject.didNotOpen":
    "Slack で却下用のフォームを開けなかったため、何も変更していません。もう一度 *却下する* をクリックしてください。",

  "state.pending": "承認待ち",
  "state.approved": "承認済み",
  "state.rejected": "却下済み",
  "state.expired": "期限切れ",
  "state.withdrawn": "取り下げ済み",
  "state.decided": "処理済み",

  "outcome.created":
    "{requester} さん、ワークスペース {name} の準備ができました。ID は {id} です（承認者: {by} さん）。",
  "outcome.dryRun":
    "{requester} さん、{by} さんが {name} を承認しました。 *ドライラン* のため、実際には何も作成していません。DataForest に送信されるはずだった内容は次のとおりです（環境変数の値は非表示）:",
  "outcome.dryRunMore":
    "…ほかに {count} 件の設定があります。多すぎるためここには表示していませんが、これらも送信される内容に含まれます。",
  "outcome.rejected":
    "{requester} さん、{by} さんがこの申請を却下しました。理由がわからない場合は、このスレッドで確認してください。",
  "outcome.rejectedBecause": "{requester} さん、{by} さんがこの申請を却下しました: 「{reason}」",
  "outcome.expired":
    "{requester} さん、期限までに承認も却下もされなかったため、この申請は期限切れになりました。何も作成されていません。もう一度申請するには *修正して再申請* を使ってください。",
  "outcome.withdrawn":
    "{by} さんがこの申請を取り下げたため、何も作成されません。もう一度申請するには *修正して再申請* を使ってください。",
  "outcome.apiSaid": "DataForest からのメッセージ: {message}",
  "outcome.resubmit": "修正して再申請",
  "outcome.checking":
    "DataForest から明確な応答がなかったため、ワークスペースが作成されたかどうかまだわかりません。引き続き確認し、わかり次第このスレッドでお知らせしますので、それまで再申請はしないでください。",

  "direct.cardRefused.notMember":
    "ボットが {channel} のメンバーではないため、申請を投稿できませんでした。 {channel} にボットを招待して（チャンネルで `/invite @AI Workspace` と入力します）、 *カードを投稿* を押してください。それまで申請は保存されています。",
  "direct.cardRefused.archived":
    "{channel} がアーカイブされているため、申請を投稿できませんでした。 *取り下げる* を押してから、別のチャンネルでもう一度 `{command}` を実行してください。",
  "direct.cardRefused.other":
    "Slack が {channel} への申請の表示を拒否しました（{reason}）。ボット側の問題のため、ボットの管理者に連絡してください。申請は保存されています。 *取り下げる* を押して、後でもう一度お試しいただくこともできます。",
  "direct.repost": "カードを投稿",
  "direct.outcome": "{channel} に投稿できなかったため、こちらでお知らせします:\n\n{text}",

  "failure.invalid_parameter.fieldValue":
    "{who} さん、DataForest が「{field}」の値 {value} を受け付けなかったため、何も作成されていません。",
  "failure.invalid_parameter.field":
    "{who} さん、DataForest が「{field}」の値を受け付けなかったため、何も作成されていません。",
  "failure.invalid_parameter.request":
    "{who} さん、DataForest が設定の一部を受け付けなかったため、何も作成されていません。",
  "failure.invalid_parameter.fix": " *修正して再申請* から直してください。",
  "sentence.separator": "",
  "failure.name_taken":
    "{who} さん、作成の前に {name} という名前がほかで使われてしまったため、何も作成されていません。 *修正して再申請* から別の名前で申請してください。",
  "failure.quota_exceeded":
    "{who} さん、DataForest アカウントのリソース上限に達したため、ワークスペースは作成されていません。{approvers} 使っていないワークスペースを削除するなどしてリソースを空けるか、ボットの管理者に上限の引き上げを依頼してください。その後、再申請できます。",
  "failure.quota_exceeded.noApprovers":
    "{who} さん、DataForest アカウントのリソース上限に達したため、ワークスペースは作成されていません。チームリーダーの方は、使っていないワークスペースを削除するなどしてリソースを空けるか、ボットの管理者に上限の引き上げを依頼してください。その後、再申請できます。",
  "failure.auth_failed":
    "{who} さん、DataForest がボットのキーを拒否したため、ワークスペースは作成されていません。ボットの管理者による対応（NCP のキーまたはサーバーの時刻の確認）が必要です。解決したら *修正して再申請* を使ってください。",
  "failure.permission_denied":
    "{who} さん、ボットのサービスアカウントに、このアカウントでワークスペースを作成する権限がないため、作成されていません。ボットの管理者が DataForest の権限を付与する必要があります。その後 *修正して再申請* を使ってください。",
  "failure.throttled":
    "{who} さん、DataForest が混み合っているため、ワークスペースは作成されていません。数分待ってから *修正して再申請* を使ってください。",
  "failure.call_quota":
    "{who} さん、ボットが DataForest API の呼び出し上限に達したため、ワークスペースは作成されていません。ボットの管理者による対応（NCP コンソールでの上限の引き上げ）が必要です。対応後に *修正して再申請* を使ってください。",
  "failure.unavailable":
    "{who} さん、DataForest に接続できないか、時間内に応答がなかったため、ワークスペースは作成されていません。数分待ってから *修正して再申請* を使ってください。繰り返し発生する場合は、ボットの管理者に連絡してください。",
  "failure.server_error":
    "{who} さん、DataForest 側で問題が発生したため、ワークスペースは作成されていません。数分待ってから *修正して再申請* を使ってください。繰り返し発生する場合は、ボットの管理者に連絡してください（詳細は下に記載しています）。",
  "failure.not_created":
    "{who} さん、作成中に DataForest から明確な応答がありませんでした。数分間ワークスペースを探しましたが見つからなかったため、何も作成されていません。 *修正して再申請* からもう一度お試しください。",
  "failure.not_created.serverError":
    "{who} さん、作成中に DataForest 側で問題が発生しました。数分間ワークスペースを探しましたが見つからなかったため、何も作成されていません。 *修正して再申請* からもう一度お試しください。繰り返し発生する場合は、ボットの管理者に連絡してください。",
  "failure.rejected":
    "{who} さん、DataForest が申請を受け付けなかったため、何も作成されていません。理由は下に記載しています。 *修正して再申請* から申請内容を変更するか、理由がわからない場合はボットの管理者に相談してください。",
  "failure.other":
    "{who} さん、DataForest から想定外の応答があったため、ワークスペースは作成されていません。ボットの管理者に連絡してください（詳細は下に記載しています）。後で *修正して再申請* を試すこともできます。",

  "failureSummary.invalid_parameter": "DataForest が設定の一部を受け付けませんでした",
  "failureSummary.name_taken": "名前がすでに使われていました",
  "failureSummary.quota_exceeded": "リソースの上限に達しました",
  "failureSummary.auth_failed": "ボットのキーが拒否されました",
  "failureSummary.permission_denied": "ボットにワークスペースの作成権限がありません",
  "failureSummary.throttled": "DataForest が混み合っていました",
  "failureSummary.call_quota": "ボットの API 呼び出し上限に達しました",
  "failureSummary.unavailable": "DataForest が応答しませんでした",
  "failureSummary.server_error": "DataForest 側で問題が発生しました",
  "failureSummary.not_created":
    "明確な応答がなく、探しても見つからなかったため、何も作成されていません",
  "failureSummary.rejected": "DataForest が申請を受け付けませんでした",
  "failureSummary.bad_answer": "DataForest の応答を解釈できませんでした",
  "failureSummary.internal": "ボット側で問題が発生しました",

  "quote.char": "「{char}」",
  "quote.separator": "",
  "quote.andOthers": "{listed}など",

  "channelPrompt.ask":
    "申請はチャンネルに投稿され、そこでチームリーダーが承認します。そのため、ダイレクトメッセージからは申請できません。どのチャンネルに投稿しますか？ チャンネルを選ぶとフォームが開きます。",
  "channelPrompt.placeholder": "チャンネルを選択",
  "channelPrompt.hint":
    "AI Workspace が参加しているチャンネルを選んでください。まだ参加していない場合は、先にそのチャンネルで `/invite @AI Workspace` と入力してください。",

  "home.title": "AIワークスペース",
  "home.intro":
    "チャンネルで `{command}` と入力すると AIワークスペースを申請できます。使い方は `{command} help` で確認できます。",
  "home.waitingTitle": "あなたの承認待ち（{count} 件）",
  "home.noneWaiting": "承認待ちの申請はありません。",
  "home.waitingItem": "*{name}* · 申請者 {requester} · {when} · {channel}",
  "home.details": "ソフトウェア: {image} · サイズ: {size}",
  "home.mineTitle": "最近の申請",
  "home.noneMine":
    "まだ申請はありません。チャンネルで `{command}` と入力すると申請を始められます。",
  "home.mineItem": "*{name}* · {when} に {channel} で申請",
  "home.notPosted":
    "まだチャンネルに投稿されていません。AI Workspace からのダイレクトメッセージで対応方法を確認してください。",
  "home.thread": "スレッドを開く",
  "home.more": "…ほかに {count} 件あります。各チャンネルのスレッドで確認してください。",

  "list.title.one": "*最近の申請*",
  "list.title.other": "*最近の申請 {count} 件*",
  "list.none":
    "まだ申請はありません。チャンネルで `{command}` と入力するとワークスペースを申請できます。",
  "list.item": "• {name} · {when} · {channel} · {status}",
  "list.footer": "ボットのホームタブにも、スレッドへのリンク付きで同じ一覧が表示されます。",

  "problem.line": "{line} 行目: {text}",
  "problem.inField": "{field}: {text}",
  "problem.invalid": "この値は使えません。内容を確認して、もう一度入力してください。",
  "problem.form.gpus.decimal": "GPU 数は小数点を使わず、整数で入力してください（例: {example}）。",
  "problem.form.gpus.digits": "GPU 数は半角数字で入力してください（例: {example}）。",
  "problem.form.cpus.decimal": "CPU 数は小数点を使わず、整数で入力してください（例: {example}）。",
  "problem.form.cpus.digits": "CPU 数は半角数字で入力してください（例: {example}）。",
  "problem.form.envLine":
    "{line} 行目: 変数は NAME=value の形式で入力してください（例: EPOCHS=10）。",
  "problem.form.envDuplicate": "{line} 行目: {key} はすでに前の行で指定されています。",
  "problem.form.port":
    "「{value}」はポート番号ではありません。8888, 6006 のように入力してください。",
  "problem.form.portTooLarge":
    "ポートは 1〜65535 の範囲で指定してください（{value} は大きすぎます）。",
  "problem.form.mountLine":
    "{line} 行目: 「HDFS パス -> ワークスペース内のフォルダ」の形式で入力してください（例: /user/alice/data -> /data/input）。",
  "problem.form.mountLineOverwrite":
    "{line} 行目: 「HDFS パス -> ワークスペース内のフォルダ」の形式で入力してください（例: /user/alice/data -> /data/input (overwrite)）。",
  "problem.form.memory.decimal":
    "メモリは小数点を使わず、GB 単位の整数で入力してください（例: 16）。",
  "problem.form.memory.digits": "メモリは GB 単位で、半角数字で入力してください（例: 16）。",

  "problem.limit.gpuCount": "GPU は最大 {max} 枚までです（{value} 枚は多すぎます）。",
  "problem.limit.cpuCount": "CPU は最大 {max} 個までです（{value} は多すぎます）。",
  "problem.limit.cpuMillicores":
    "{value} はミリ CPU（1/1000 CPU）単位の値のようです。この欄には CPU の個数を入力します。{cpus} CPU なら {cpus} と入力してください。最大は {max} です。",
  "problem.limit.memory":
    "メモリは最大 {max} GB までです（{gb} GB は多すぎます）。さらに必要な場合は管理者に相談してください。",
  "problem.limit.memoryMegabytes":
    "{gb} GB は {tb} TB になります。MB 単位で入力していませんか？ この欄は GB 単位なので、{gb} MB なら {suggestion} と入力してください。最大は {max} GB です。",
  "problem.limit.gpuModel": "用意されている GPU モデルから選んでください: {models}。",

  "problem.name.required": "ワークスペース名を入力してください。",
  "problem.name.empty": "ワークスペース名を入力してください（例: {example}）。",
  "problem.name.tooLong": "名前は {max} 文字以内にしてください（現在 {length} 文字です）。",
  "problem.name.start": "名前は英小文字（a〜z）で始めてください。",
  "problem.name.chars":
    "名前に使えるのは英小文字・数字・ハイフンだけです。{chars}を削除するか変更してください。",
  "problem.name.doubleHyphen": "ハイフンは 2 つ続けて使えません（「--」を「-」に）。",
  "problem.name.end": "名前の最後はハイフンではなく、英字か数字にしてください。",
  "problem.accountId.required": "ワークスペースが所属する DataForest アカウントを選んでください。",
  "problem.accountId.tooLong":
    "アカウント ID は {max} 文字以内です（入力された ID は {length} 文字です）。",
  "problem.accountId.chars":
    "アカウント ID に使えるのは英字と数字だけです。DataForest コンソールからもう一度コピーしてください。",
  "problem.description.tooLong": "{max} 文字以内にしてください（現在 {length} 文字です）。",
  "problem.image.required": "実行するソフトウェアを選んでください（例: {example}）。",
  "problem.image.registry":
    "イメージは name:version（例: {example}）または dataforest/name:version の形式で指定します。「/」で区切られた前の部分を削除してください。",
  "problem.image.chars":
    "イメージに使えるのは英小文字・数字・「.」「_」「-」だけです。{chars}を変更してください。",
  "problem.image.colon":
    "イメージは name:version のように、コロンを 1 つだけ含む形式で指定します（例: {example}）。",
  "problem.image.nameLength": "コロンより前（イメージ名）は 1〜{max} 文字にしてください。",
  "problem.image.versionLength": "コロンより後（バージョン）は 1〜{max} 文字にしてください。",
  "problem.docker.required": "実行するソフトウェア（イメージ）を選んでください。",
  "problem.command.required":
    "ワークスペースの起動時に実行するコマンドを入力してください（例: jupyter）。",
  "problem.env.format": "変数は NAME=value の形式で、1 行に 1 つずつ入力してください。",
  "problem.env.key":
    "「{key}」は変数名に使えません。英字・数字・「_」を使い、英字か「_」で始めてください。",
  "problem.port.type": "ポートは 1〜65535 の整数で指定してください（例: 8888）。",
  "problem.port.whole": "ポートは整数で指定してください（{value} は整数ではありません）。",
  "problem.port.tooSmall": "ポートは 1〜65535 の範囲で指定してください（{value} は小さすぎます）。",
  "problem.port.tooLarge": "ポートは 1〜65535 の範囲で指定してください（{value} は大きすぎます）。",
  "problem.ports.duplicate": "同じポートは 1 回だけ指定してください。",
  "problem.gpuCount.type": "GPU の枚数を {min}〜{max} の整数で選んでください。",
  "problem.gpuCount.whole": "GPU の枚数は {min}〜{max} の整数で指定してください。",
  "problem.gpuCount.tooFew":
    "GPU は {min}〜{max} 枚で指定してください（{value} 枚では少なすぎます）。",
  "problem.gpuCount.tooMany":
    "GPU は {min}〜{max} 枚で指定してください（{value} 枚では多すぎます）。",
  "problem.cpuCount.whole": "CPU 数は整数で入力してください（例: 4）。",
  "problem.cpuCount.min": "CPU は 1 個以上必要です。",
  "problem.memoryMb.type": "メモリは GB 単位の数値で入力してください（例: 16）。",
  "problem.memoryMb.whole": "メモリは GB 単位の整数で入力してください（例: 16）。",
  "problem.memoryMb.min": "メモリは 0 より大きい GB 単位の数値で入力してください（例: 16）。",
  "problem.hdfs.empty": "HDFS パスを入力してください。",
  "problem.gpuModel.empty": "GPU モデルを選んでください。",
  "problem.queueName.empty": "キューを入力してください。",
  "problem.userPackageUri.empty": "パッケージの場所を入力してください。",
  "problem.path.absolute":
    "ワークスペース内のフォルダは「/」で始めてください（例: /data/input）。入力された値: 「{value}」",
};
