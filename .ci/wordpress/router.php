<?php
// PHP's built-in server in front of WordPress: files as they are, everything else (pretty
// permalinks, /wp-json/) through index.php, as Apache's rewrite rules would.
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if ($path !== '/' && is_file($_SERVER['DOCUMENT_ROOT'] . $path)) {
    return false;
}
if (str_starts_with($path, '/wp-content/uploads/')) {
    $file = getenv('HP_WP_CONTENT') . substr($path, strlen('/wp-content'));
    if (is_file($file)) {
        header('Content-Type: ' . (mime_content_type($file) ?: 'application/octet-stream'));
        header('Content-Length: ' . filesize($file));
        readfile($file);
        return true;
    }
}
// PHP's server sends bodies without a length (closing the connection at the end), which
// the HTTP client of actix does not read; nginx or Apache in front of PHP-FPM send
// `Content-Length` or chunks. Buffer the answer and give it its length.
ob_start();
register_shutdown_function(function () {
    $body = '';
    while (ob_get_level() > 0) {
        $body = ob_get_clean() . $body;
    }
    if (!headers_sent()) {
        header('Content-Length: ' . strlen($body));
    }
    echo $body;
});
$_SERVER['SCRIPT_NAME'] = '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
