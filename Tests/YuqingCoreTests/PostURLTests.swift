import Testing
@testable import YuqingCore

/// The same post under the URLs platforms, share buttons and mobile sites hand out is one identity; different
/// posts never are.
@Suite struct PostURLTests {
    @Test(arguments: [
        // Weibo: the base-62 bid and the numeric mid of one post (K3fnuEfZK = 4607741009594608), tracking, m. host.
        ("https://weibo.com/1645372340/K3fnuEfZK?refer_flag=1001030103_", "http://m.weibo.cn/status/4607741009594608"),
        ("https://weibo.com/1645372340/K3fnuEfZK", "https://m.weibo.cn/detail/4607741009594608?sourceType=weixin&from=10E3095010"),
        ("https://www.weibo.com/1645372340/K3fnuEfZK#comment", "weibo.com/1645372340/K3fnuEfZK?type=comment"),
        ("https://weibo.com/6049590367/MzVRA2E8G", "https://m.weibo.cn/status/MzVRA2E8G"),
        ("https://m.weibo.cn/status/MzVRA2E8G", "https://m.weibo.cn/1/4885639100630954"),
        // WeChat: __biz/mid/idx/sn identify the article; chksm, scene and the fragment do not; order does not matter.
        ("https://mp.weixin.qq.com/s?__biz=MzA5NjM4NDYwMA==&mid=2650012345&idx=1&sn=8f3c&chksm=8b5e&scene=27#wechat_redirect",
         "http://mp.weixin.qq.com/s?sn=8f3c&idx=1&mid=2650012345&__biz=MzA5NjM4NDYwMA==&sharer_shareid=1"),
        ("https://mp.weixin.qq.com/s/AbCdEf123?scene=1", "https://mp.weixin.qq.com/s/AbCdEf123"),
        // Douyin: www, iesdouyin share pages and the modal id.
        ("https://www.douyin.com/video/7341234567890123456?previous_page=app_code_link", "https://www.iesdouyin.com/share/video/7341234567890123456/?region=CN&mid=1"),
        ("https://www.douyin.com/user/MS4wLjAB?modal_id=7341234567890123456", "https://douyin.com/video/7341234567890123456"),
        // Toutiao: /article/, /a, /i, /group/ and m. host.
        ("https://www.toutiao.com/article/7341234567890/?log_from=abc&wid=1", "https://m.toutiao.com/i7341234567890/"),
        ("https://www.toutiao.com/a7341234567890/", "https://toutiao.com/group/7341234567890/"),
        // Zhihu: an answer is the answer, with or without its question.
        ("https://www.zhihu.com/question/123/answer/456?utm_source=wechat_session&utm_medium=social", "https://zhihu.com/answer/456"),
        ("https://zhuanlan.zhihu.com/p/98765?utm_id=0", "http://zhuanlan.zhihu.com/p/98765"),
        // Bilibili, Kuaishou, Tieba, the People's Daily leaders' message board.
        ("https://www.bilibili.com/video/BV1xx411c7mD/?spm_id_from=333.999&vd_source=abc", "https://m.bilibili.com/video/BV1xx411c7mD"),
        ("https://www.kuaishou.com/short-video/3xabc123?authorId=1&streamSource=find", "https://v.m.chenzhongtech.com/fw/photo/3xabc123?fid=1"),
        ("https://tieba.baidu.com/p/8912345678?share=9105&fr=share", "http://tieba.baidu.com/p/8912345678"),
        ("https://liuyan.people.com.cn/threads/content?tid=18345678&from=singlemessage", "http://liuyan.people.com.cn/threads/content?tid=18345678"),
        // News and government sites: scheme, www./m., tracking parameters, query order, trailing slash, fragment.
        ("https://www.mingguang.gov.cn/news/2024/0301/1234.html?utm_source=weibo&from=timeline", "http://mingguang.gov.cn/news/2024/0301/1234.html"),
        ("https://news.example.com/a/123/?id=9&page=2#top", "https://news.example.com/a/123?page=2&id=9&spm=a2c.1"),
        ("https://m.thepaper.cn/newsDetail_forward_26543210", "https://www.thepaper.cn/newsDetail_forward_26543210?from=groupmessage"),
    ])
    func samePost(_ a: String, _ b: String) {
        #expect(PostURL.identity(a) == PostURL.identity(b), "\(a) ≠ \(b): \(PostURL.identity(a)) vs \(PostURL.identity(b))")
    }

    @Test(arguments: [
        ("https://weibo.com/1645372340/K3fnuEfZK", "https://weibo.com/1645372340/K3fnuEfZL"),
        ("https://mp.weixin.qq.com/s?__biz=MzA5&mid=265&idx=1&sn=8f", "https://mp.weixin.qq.com/s?__biz=MzA5&mid=265&idx=2&sn=8f"),
        ("https://www.douyin.com/video/7341234567890123456", "https://www.douyin.com/video/7341234567890123457"),
        ("https://www.zhihu.com/question/123/answer/456", "https://www.zhihu.com/question/123/answer/457"),
        ("https://www.bilibili.com/video/BV1xx411c7mD?p=2", "https://www.bilibili.com/video/BV1xx411c7mD"),
        ("https://news.example.com/a?id=9", "https://news.example.com/a?id=10"),
        ("https://news.example.com/a/123", "https://other.example.com/a/123"),
        ("https://liuyan.people.com.cn/threads/content?tid=1", "https://liuyan.people.com.cn/threads/content?tid=2"),
    ])
    func differentPosts(_ a: String, _ b: String) {
        #expect(PostURL.identity(a) != PostURL.identity(b))
    }

    @Test func weiboBidConvertsToMid() {
        #expect(PostURL.weiboMid("K3fnuEfZK") == "4607741009594608")
        #expect(PostURL.weiboMid("MzVRA2E8G") == "4885639100630954")
        #expect(PostURL.weiboMid("profile") == nil)
    }

    /// The byte-level parse (ASCII without a carriage return) gives the parts the character-level one gives, on the
    /// URLs above and on 20,000 random strings of URL punctuation, letters, digits, spaces and controls: the stored
    /// keys (`case_urls`) of existing stores must not change with it.
    @Test func theByteParseAgreesWithTheCharacterParse() {
        func parts(_ p: PostURL.Parts?) -> String? {
            p.map { "\($0.host)|\($0.path)|" + $0.queryItems.map { "\($0.name)=\($0.value)" }.joined(separator: "&") }
        }
        var samples = ["", ":", "://", "//", "a.b", "http://", "https://a.b:", "https://user@a.b:80/p?x=1&&y#z",
                       "HTTPS://WWW.Example.COM./A/B/?Q=1&utm_source=x", "x+y-z.w://h.i/j", "1http://a.b", "//a.b/c?",
                       "https://a b.c/", "https://a.b:8x/p", "ftp://a.b@c.d:21/e", "https://a.b/?=v&k=&=", "https://.",
                       "mailto:x@y.z", "https://a.b/\tc\u{7}?d=e\u{1}"]
        let alphabet = Array(":/?#&=@.+-_%~ \t\u{1}azAZ09hwtps")
        var g = SeededRandom(seed: 14)
        for _ in 0..<20_000 {
            var s = ["", "http://", "https://", "//", "HtTp://"][Int(g.next() % 5)]
            for _ in 0..<Int(g.next() % 24) { s.append(alphabet[Int(g.next() % UInt64(alphabet.count))]) }
            samples.append(s)
        }
        for s in samples {
            #expect(parts(PostURL.Parts(asciiBytes: s)) == parts(PostURL.Parts(characters: s)), "\(s.debugDescription)")
        }
    }

    @Test func textThatIsNoURLIsItsOwnIdentity() {
        #expect(PostURL.identity("  内部编号 A-17 ") == "内部编号 A-17")
        #expect(PostURL.identity("not a url") == "not a url")
    }
}
