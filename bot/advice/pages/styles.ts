/**
 * The one stylesheet of the advice pages, served from /advice/assets/advice.css (the CSP
 * allows styles from this service only). Large text and targets for phones, a visible
 * focus ring, colours with at least 4.5:1 contrast.
 */
export const adviceCss = `
*{box-sizing:border-box}
html{font-size:100%}
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:1.1875rem;line-height:1.5;color:#0b0c0c;background:#fff}
.skip{position:absolute;left:-9999px}
.skip:focus{left:1rem;top:1rem;background:#fd0;color:#0b0c0c;padding:.5rem;z-index:2}
.top{background:#1d3557;color:#fff;padding:.75rem 1rem}
.top .service{margin:0;font-weight:700}
.top .council-logo{display:block;max-height:48px;max-width:200px;margin:0 0 .5rem}
.top .council{margin:0 0 .25rem;font-size:1.25rem;font-weight:700}
dl.answers dt{font-weight:700;margin-top:.75rem}
dl.answers dd{margin:0;white-space:pre-wrap}
.bottom .contact{font-weight:700}
main{display:block;max-width:40rem;margin:0 auto;padding:1rem}
main:focus{outline:none}
h1{font-size:2rem;line-height:1.2;margin:1rem 0}
h2{font-size:1.5rem;margin:1.5rem 0 .5rem}
dl.facts{margin:0 0 1.5rem;border-top:1px solid #b1b4b6}
dl.facts div{display:flex;flex-wrap:wrap;border-bottom:1px solid #b1b4b6;padding:.5rem 0}
dl.facts dt{font-weight:700;flex:0 0 12rem}
dl.facts dd{margin:0;flex:1 1 14rem}
.field{margin:0 0 1.5rem}
label,legend{display:block;font-weight:700;margin-bottom:.25rem}
fieldset{border:0;margin:0 0 1.5rem;padding:0}
.hint{display:block;color:#505a5f;margin-bottom:.5rem}
textarea,input[type=text]{width:100%;font:inherit;padding:.5rem;border:2px solid #0b0c0c;border-radius:0}
textarea{min-height:7rem}
input[type=file]{font:inherit;max-width:100%}
.choice{display:flex;align-items:flex-start;gap:.5rem;margin:.5rem 0}
.choice input{width:1.5rem;height:1.5rem;margin:.2rem 0 0;flex:0 0 auto}
.choice label{font-weight:400;margin:0}
button{font:inherit;font-weight:700;background:#00703c;color:#fff;border:0;border-bottom:2px solid #002d18;padding:.6rem 1.2rem;min-height:2.75rem;cursor:pointer}
button:hover{background:#005a30}
:focus-visible{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
.error-summary{border:4px solid #d4351c;padding:1rem;margin-bottom:1.5rem}
.error-summary h2{margin-top:0}
.error-summary a{color:#d4351c;font-weight:700}
.error{color:#d4351c;font-weight:700;display:block;margin-bottom:.25rem}
.field.has-error textarea,.field.has-error input{border-color:#d4351c}
.panel{background:#00703c;color:#fff;padding:1.5rem;margin:1rem 0}
.panel h1{margin-top:0}
a{color:#1d4f91}
.bottom{border-top:1px solid #b1b4b6;margin-top:2rem;padding:1rem;color:#505a5f;font-size:1rem}
.bottom p{max-width:40rem;margin:0 auto}
`;
