namespace GongTongDizao.WeChat.Tests.Push;

/// <summary>Push bodies shaped like the examples in WeChat's documentation.</summary>
internal static class PushSamples
{
    public const string MediaCheckJson = """{"ToUserName":"gh_38cc49f9733b","FromUserName":"oH1fu0FdHqpToe2T6gBj0WyB8iS1","CreateTime":1626959646,"MsgType":"event","Event":"wxa_media_check","appid":"wx8f16a5e4a3a4b2c5","trace_id":"60f96f1d-3845297a-1976a3ae","version":2,"detail":[{"strategy":"content_model","errcode":0,"suggest":"pass","label":100,"prob":90},{"strategy":"keyword","errcode":0,"suggest":"pass","label":100}],"errcode":0,"errmsg":"ok","result":{"suggest":"pass","label":100}}""";

    public const string MediaCheckJsonDetailObject = """{"ToUserName":"gh_38cc49f9733b","FromUserName":"oH1fu0FdHqpToe2T6gBj0WyB8iS1","CreateTime":"1626959646","MsgType":"event","Event":"wxa_media_check","appid":"wx8f16a5e4a3a4b2c5","trace_id":"60f96f1d-aaaa","version":"2","detail":{"strategy":"content_model","errcode":"0","suggest":"risky","label":"20002","prob":"90"},"errcode":"0","errmsg":"ok","result":{"suggest":"risky","label":"20002"}}""";

    public const string MediaCheckXml = """
        <xml>
          <ToUserName><![CDATA[gh_38cc49f9733b]]></ToUserName>
          <FromUserName><![CDATA[oH1fu0FdHqpToe2T6gBj0WyB8iS1]]></FromUserName>
          <CreateTime>1626959646</CreateTime>
          <MsgType><![CDATA[event]]></MsgType>
          <Event><![CDATA[wxa_media_check]]></Event>
          <appid><![CDATA[wx8f16a5e4a3a4b2c5]]></appid>
          <trace_id><![CDATA[60f96f1d-3845297a-1976a3ae]]></trace_id>
          <version>2</version>
          <detail>
            <strategy><![CDATA[content_model]]></strategy>
            <errcode>0</errcode>
            <suggest><![CDATA[pass]]></suggest>
            <label>100</label>
            <prob>90</prob>
          </detail>
          <errcode>0</errcode>
          <errmsg><![CDATA[ok]]></errmsg>
          <result>
            <suggest><![CDATA[pass]]></suggest>
            <label>100</label>
          </result>
        </xml>
        """;

    public const string PopupXml = """
        <xml>
          <ToUserName><![CDATA[gh_123456789abc]]></ToUserName>
          <FromUserName><![CDATA[otFpruAK8D-E6EfStSYonYSBZ8_4]]></FromUserName>
          <CreateTime>1610969440</CreateTime>
          <MsgType><![CDATA[event]]></MsgType>
          <Event><![CDATA[subscribe_msg_popup_event]]></Event>
          <SubscribeMsgPopupEvent>
            <List>
              <TemplateId><![CDATA[hD-ixGOhYmUfjOnI8MCzQMPshzGVeux_2vBgzlWqlJQ]]></TemplateId>
              <SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>
              <PopupScene>0</PopupScene>
            </List>
            <List>
              <TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>
              <SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString>
              <PopupScene>1</PopupScene>
            </List>
          </SubscribeMsgPopupEvent>
        </xml>
        """;

    public const string PopupJsonSingle = """{"ToUserName":"gh_123456789abc","FromUserName":"o7esq5OI1Uej6Xixw1lA2H7XDVbc","CreateTime":"1620973045","MsgType":"event","Event":"subscribe_msg_popup_event","List":{"TemplateId":"hD-ixGOhYmUfjOnI8MCzQMPshzGVeux_2vBgzlWqlJQ","SubscribeStatusString":"accept","PopupScene":"0"}}""";

    public const string ChangeJson = """{"ToUserName":"gh_123456789abc","FromUserName":"o7esq5OI1Uej6Xixw1lA2H7XDVbc","CreateTime":"1610968440","MsgType":"event","Event":"subscribe_msg_change_event","List":[{"TemplateId":"BEwX0BOT3MqK3Uc5oTU3CGBqzjpndk2jzUb9xf1wz0o","SubscribeStatusString":"reject"},{"TemplateId":"hD-ixGOhYmUfjOnI8MCzQMPshzGVeux_2vBgzlWqlJQ","SubscribeStatusString":"reject"}]}""";

    public const string SentXml = """
        <xml>
          <ToUserName><![CDATA[gh_123456789abc]]></ToUserName>
          <FromUserName><![CDATA[o7esq5PHRGBQYmeNyfG064wEFVpQ]]></FromUserName>
          <CreateTime>1620963428</CreateTime>
          <MsgType><![CDATA[event]]></MsgType>
          <Event><![CDATA[subscribe_msg_sent_event]]></Event>
          <SubscribeMsgSentEvent>
            <List>
              <TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>
              <MsgID>1700827132819554304</MsgID>
              <ErrorCode>0</ErrorCode>
              <ErrorStatus><![CDATA[success]]></ErrorStatus>
            </List>
          </SubscribeMsgSentEvent>
        </xml>
        """;

    public const string SentJsonFailed = """{"ToUserName":"gh_123456789abc","FromUserName":"o7esq5PHRGBQYmeNyfG064wEFVpQ","CreateTime":"1620963428","MsgType":"event","Event":"subscribe_msg_sent_event","List":{"TemplateId":"VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc","MsgID":"1700827132819554304","ErrorCode":"10005","ErrorStatus":"failed:user block"}}""";
}
