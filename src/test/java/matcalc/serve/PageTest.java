package matcalc.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: Debian's Chromium, headless, driven by Selenium through Debian's
 * chromedriver (no browser download; .ci/run installs both). What is asserted is read from the
 * rendered DOM: KaTeX keeps each formula's TeX in a MathML annotation beside the glyphs.
 * Screenshots of the three tabs go to target/screenshots/ (docs/ has copies for the README).
 */
class PageTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium"), DRIVER = Path.of("/usr/bin/chromedriver");
    static Server server;
    static ChromeDriver browser;
    static Path userData;

    @BeforeAll static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "browser tests skipped: no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver; .ci/run does)");
        server = Server.start(Server.Config.defaults().withPort(0));
        userData = Files.createTempDirectory("matcalc-chromium");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + userData, "--window-size=1200,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, o);
    }

    @AfterAll static void stop() throws Exception {
        if (browser != null) browser.quit();
        if (server != null) server.close();
        if (userData != null) {
            try (var w = Files.walk(userData)) { w.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete); }
        }
    }

    @BeforeEach void blank() { browser.get("about:blank"); }

    static String url(String hash) { return "http://127.0.0.1:" + server.port() + "/" + hash; }

    static WebDriverWait waiting() { return new WebDriverWait(browser, Duration.ofSeconds(20)); }

    /** The TeX source KaTeX rendered inside an element (its MathML annotation), "" when none. */
    static String tex(String id) {
        Object s = ((JavascriptExecutor) browser).executeScript(
                "const a = document.querySelectorAll('#' + arguments[0] + ' annotation');"
                        + "return Array.from(a).map(x => x.textContent).join(' | ');", id);
        return s == null ? "" : s.toString();
    }

    static void waitTex(String id, String contains) {
        try {
            waiting().until(d -> tex(id).contains(contains));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("#" + id + " never rendered '" + contains + "'; it has: " + tex(id), e);
        }
    }

    static void type(String id, String text) {
        WebElement e = browser.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    static void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        // The whole page, beyond the window (Chromium's DevTools command, through chromedriver).
        long w = ((Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.clientWidth")).longValue();
        long h = ((Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight")).longValue();
        java.util.Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", java.util.Map.of(
                "captureBeyondViewport", true,
                "clip", java.util.Map.of("x", 0, "y", 0, "width", w, "height", Math.min(h, 2400), "scale", 1)));
        Files.write(dir.resolve(name), java.util.Base64.getDecoder().decode((String) shot.get("data")));
    }

    @Test void typingAnExpressionRendersTheCheckedDerivative() throws Exception {
        browser.get(url(""));
        waitTex("d-statement", "\\operatorname{tr}(X^\\top A X)"); // the page opens with an example
        type("d-expr", "x^T A x");
        type("d-where", "A: n x n symmetric");
        waitTex("d-statement", "\\frac{\\partial}{\\partial x} \\left(x^\\top A x\\right) = 2 x^\\top A");
        WebElement check = browser.findElement(By.id("d-check"));
        assertTrue(check.getAttribute("class").contains("ok"), check.getAttribute("class"));
        assertEquals("rgba(23, 128, 61, 1)", check.getCssValue("color")); // green
        assertTrue(check.getText().contains("numeric check passed"), check.getText());
        assertTrue(tex("d-types").contains("A \\in \\mathbb{R}^{n \\times n}"), tex("d-types"));
        assertEquals("x", new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("d-wrt"))).getFirstSelectedOption().getAttribute("value"));
        // The rendered glyphs are there too, not only the annotation.
        assertTrue(browser.findElement(By.cssSelector("#d-statement .katex-html")).getText().contains("x"));
        browser.findElement(By.id("d-index")).click();
        waitTex("d-index-out", "\\frac{\\partial f}{\\partial x_{k}}");
        screenshot("diff.png");
    }

    @Test void aShapeErrorUnderlinesBothOperands() {
        browser.get(url("#tab=diff&e=x&wrt=x"));
        waitTex("d-statement", "\\partial x");
        type("d-where", "A: 3 x 4; y: 2");
        type("d-expr", "A x + y");
        waiting().until(d -> !d.findElements(By.cssSelector("#d-expr-mirror mark")).isEmpty());
        List<String> marked = browser.findElements(By.cssSelector("#d-expr-mirror mark")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("A x", "y"), marked);
        assertEquals("cannot add a vector of size 3 and a vector of size 2", browser.findElement(By.id("d-error")).getText());
        assertTrue(browser.findElement(By.cssSelector("#d-expr-mirror mark")).getCssValue("text-decoration").contains("wavy"));
        assertTrue(!browser.findElement(By.id("d-result")).isDisplayed());
    }

    @Test void aFalseClaimShowsTheCounterexampleMatrices() throws Exception {
        browser.get(url("#tab=check&claim=x"));
        type("c-claim", "grad(x^T A x, x) = 2 A x");
        browser.findElement(By.id("c-run")).click();
        waitTex("c-counter", "A = \\begin{bmatrix}1 & 1 \\\\ 0 & 1\\end{bmatrix}");
        assertEquals("FAIL", browser.findElement(By.id("c-verdict")).getText());
        assertTrue(tex("c-counter").contains("x = \\begin{bmatrix}-1 \\\\ 1\\end{bmatrix}"), tex("c-counter"));
        assertTrue(tex("c-counter").contains("\\text{right side} = \\begin{bmatrix}0 \\\\ 2\\end{bmatrix}"), tex("c-counter"));
        assertTrue(browser.findElement(By.id("c-conditions")).getText().startsWith("holds if A is symmetric"));
        screenshot("check.png");
    }

    @Test void orderFourShowsTheVecFormAndTheIndexForm() throws Exception {
        browser.get(url("#tab=diff&e=x&wrt=x"));
        waitTex("d-statement", "\\partial x");
        type("d-expr", "exp(a^T x)");
        type("d-where", "a: n");
        browser.findElement(By.cssSelector(".seg[data-name=order] button[data-v='4']")).click();
        waitTex("d-statement", "\\frac{\\partial \\operatorname{vec}(\\nabla^3 \\exp(a^\\top x))}{\\partial x^\\top}");
        // the index form comes without asking for it (the box is ticked and cannot be unticked)
        waitTex("d-index-out", "\\frac{\\partial^4 f}{\\partial x_{i} \\, \\partial x_{j} \\, \\partial x_{k} \\, \\partial x_{l}}");
        assertTrue(tex("d-index-out").contains("a_{i} a_{j} a_{k} a_{l}"), tex("d-index-out"));
        assertTrue(browser.findElement(By.id("d-index")).isSelected() && !browser.findElement(By.id("d-index")).isEnabled());
        assertTrue(browser.findElement(By.id("d-check")).getAttribute("class").contains("ok"));
        assertTrue(browser.getCurrentUrl().contains("order=4"), browser.getCurrentUrl());
        screenshot("diff-order4.png");
    }

    @Test void aSharedUrlReproducesTheResult() {
        browser.get(url(""));
        waitTex("d-statement", "\\operatorname{tr}");
        type("d-expr", "x^T A x");
        browser.findElement(By.cssSelector(".seg[data-name=layout] button[data-v=denominator]")).click();
        waitTex("d-statement", "= (A + A^\\top) x");
        String shared = browser.getCurrentUrl();
        assertTrue(shared.contains("layout=denominator"), shared);
        browser.get("about:blank");
        browser.get(shared);
        waitTex("d-statement", "= (A + A^\\top) x");
        assertEquals("x^T A x", browser.findElement(By.id("d-expr")).getAttribute("value"));
        assertEquals("true", browser.findElement(By.cssSelector(".seg[data-name=layout] button[data-v=denominator]")).getAttribute("aria-pressed"));
    }

    @Test void theProgramTabShowsValuesGradientsAndTheGraph() throws Exception {
        browser.get(url("#tab=eval&program=x"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("examples"))).selectByVisibleText("Part 2: backprop through a classifier");
        waitTex("p-forward", "L = -y^\\top \\log(\\hat{y}) = 2.6967");
        assertTrue(tex("p-backward").contains("\\frac{\\partial L}{\\partial z} = \\hat{y} - y"), tex("p-backward"));
        assertTrue(browser.findElement(By.id("p-checks")).getText().contains("dL/dW1 passed"));
        WebElement graph = browser.findElement(By.id("p-graph"));
        boolean dot = new ProcessBuilder("sh", "-c", "command -v dot").start().waitFor() == 0;
        if (dot) assertTrue(!graph.findElements(By.tagName("svg")).isEmpty(), "Graphviz is installed: the graph is an SVG");
        else assertTrue(graph.getText().contains("Graphviz's dot is not installed"), graph.getText());
        screenshot("program.png");
    }
}
